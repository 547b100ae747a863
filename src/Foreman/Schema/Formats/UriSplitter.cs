namespace Foreman.Schema.Formats;

/// <summary>Splitting a URI into its RFC 3986 components, shared by reference resolution and the uri formats.</summary>
internal static class UriSplitter
{
    /// <summary>
    /// Cuts off the component that follows the first <paramref name="marker"/>: the fragment after '#' first, then the
    /// query after '?'.
    /// </summary>
    /// <param name="rest">The URI so far; left with what precedes the marker.</param>
    /// <param name="marker">The character that starts the component.</param>
    /// <returns>The component without its marker, or <see langword="null"/> when there is none.</returns>
    public static string? CutAfter(ref string rest, char marker)
    {
        var index = rest.IndexOf(marker, StringComparison.Ordinal);
        if (index < 0)
        {
            return null;
        }

        var component = rest[(index + 1)..];
        rest = rest[..index];
        return component;
    }
}
