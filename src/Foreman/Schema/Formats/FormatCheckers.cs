using Foreman.Schema.Json;

namespace Foreman.Schema.Formats;

/// <summary>The formats asserted when <see cref="JsonSchemaOptions.AssertFormat"/> is on; unknown formats stay annotations.</summary>
internal static class FormatCheckers
{
    public static Func<string, bool>? Find(string format) => format switch
    {
        "date-time" => DateTimeFormats.IsDateTime,
        "date" => DateTimeFormats.IsDate,
        "time" => DateTimeFormats.IsTime,
        "duration" => DateTimeFormats.IsDuration,
        "email" => NetworkFormats.IsEmail,
        "hostname" => NetworkFormats.IsHostname,
        "ipv4" => NetworkFormats.IsIPv4,
        "ipv6" => NetworkFormats.IsIPv6,
        "uri" => UriFormat.IsUri,
        "uuid" => IsUuid,
        "regex" => EcmaRegex.IsValid,
        _ => null,
    };

    private static bool IsUuid(string value)
    {
        if (value.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? value[i] != '-' : !char.IsAsciiHexDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
