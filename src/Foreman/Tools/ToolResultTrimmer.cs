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

        // The marker states what was really omitted, and its own length depends on that number: shrink until stable.
        var keep = maxCharacters;
        string marker;
        while (true)
        {
            marker = $"…[truncated by Foreman: {text.Length - keep} of {text.Length} characters omitted]";
            var fit = Math.Max(0, maxCharacters - marker.Length);

            // Never split a surrogate pair: a lone surrogate makes the context invalid UTF-16 for some providers.
            if (fit > 0 && char.IsHighSurrogate(text[fit - 1]))
            {
                fit--;
            }

            if (fit == keep)
            {
                break;
            }

            keep = fit;
        }

        return (string.Concat(text.AsSpan(0, keep), marker), true);
    }
}
