using System.Globalization;
using System.Text.Json;

namespace Foreman.Schema.Compilation;

/// <summary>RFC 6901 JSON Pointers over schema documents.</summary>
internal static class JsonPointer
{
    public static string Append(string pointer, string token) =>
        pointer + "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Follows <paramref name="pointer"/> (already percent-decoded) from <paramref name="root"/>.</summary>
    public static bool TryNavigate(JsonElement root, string pointer, out JsonElement target)
    {
        target = root;
        if (pointer.Length == 0)
        {
            return true;
        }

        if (pointer[0] != '/')
        {
            return false;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind == JsonValueKind.Object)
            {
                if (!target.TryGetProperty(token, out target))
                {
                    return false;
                }
            }
            else if (target.ValueKind == JsonValueKind.Array)
            {
                if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    || (token.Length > 1 && token[0] == '0') || index >= target.GetArrayLength())
                {
                    return false;
                }

                target = target[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
