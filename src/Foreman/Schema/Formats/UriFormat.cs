namespace Foreman.Schema.Formats;

/// <summary>RFC 3986 absolute URI (scheme required), checked character by character against the grammar.</summary>
internal static class UriFormat
{
    private const string SubDelimiters = "!$&'()*+,;=";
    private const string Unreserved = "-._~";

    public static bool IsUri(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            if (!char.IsAsciiLetterOrDigit(value[i]) && value[i] is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        var rest = value[(colon + 1)..];
        var fragment = UriSplitter.CutAfter(ref rest, '#');
        var query = UriSplitter.CutAfter(ref rest, '?');

        if ((fragment is not null && !IsChars(fragment, "/?:@")) || (query is not null && !IsChars(query, "/?:@")))
        {
            return false;
        }

        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            var authority = slash < 0 ? rest[2..] : rest[2..slash];
            if (!IsAuthority(authority))
            {
                return false;
            }

            rest = slash < 0 ? string.Empty : rest[slash..];
        }

        return IsChars(rest, "/:@");
    }

    private static bool IsAuthority(string authority)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            if (!IsChars(authority[..at], ":"))
            {
                return false;
            }

            authority = authority[(at + 1)..];
        }

        string host;
        string? port = null;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            var literal = authority[1..close];
            if (!NetworkFormats.IsIPv6(literal) && !(literal.StartsWith('v') && IsChars(literal, ":")))
            {
                return false;
            }

            var after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    return false;
                }

                port = after[1..];
            }

            host = string.Empty;
        }
        else
        {
            var portColon = authority.LastIndexOf(':');
            host = portColon < 0 ? authority : authority[..portColon];
            port = portColon < 0 ? null : authority[(portColon + 1)..];
        }

        return IsChars(host, string.Empty) && (port is null || port.All(char.IsAsciiDigit));
    }

    // unreserved / pct-encoded / sub-delims / the extra characters allowed where the caller is.
    private static bool IsChars(string text, string extra)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (!char.IsAsciiLetterOrDigit(c) && !Unreserved.Contains(c, StringComparison.Ordinal)
                && !SubDelimiters.Contains(c, StringComparison.Ordinal) && !extra.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
