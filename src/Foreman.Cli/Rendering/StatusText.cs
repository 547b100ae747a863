using System.Text;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Rendering;

/// <summary>Enum values as the CLI prints and parses them: lower case with dashes (<c>dead-lettered</c>).</summary>
internal static class StatusText
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary>Parses a status written as <c>dead-lettered</c>, <c>dead_lettered</c> or <c>DeadLettered</c>.</summary>
    public static bool TryParseStatus(string text, out RunStatus status)
    {
        var compact = text.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse(compact, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(compact, out _);
    }

    public static string AllStatuses() => string.Join(", ", Enum.GetValues<RunStatus>().Select(Of));
}
