namespace Foreman.Tools;

/// <summary>Cuts tool results to a size budget before they enter the model's context.</summary>
internal static class ToolResultTrimmer
{
    /// <summary>Returns the text cut to <paramref name="maxCharacters"/>, with a marker saying how much was dropped.</summary>
    public static (string Text, bool Trimmed) Trim(string text, int maxCharacters)
    {
        if (text.Length <= maxCharacters)
        {
            return (text, false);
        }

        var marker = $"…[truncated by Foreman: {text.Length - maxCharacters} of {text.Length} characters omitted]";
        var keep = Math.Max(0, maxCharacters - marker.Length);

        // Never split a surrogate pair: a lone surrogate makes the context invalid UTF-16 for some providers.
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return (string.Concat(text.AsSpan(0, keep), marker), true);
    }
}
