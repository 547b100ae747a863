using System.Text;
using Foreman.Schema.Formats;

namespace Foreman.Schema.Compilation;

/// <summary>
/// RFC 3986 reference resolution on plain strings. <see cref="Uri"/> is not used for this because it rewrites what it
/// parses (adds trailing slashes, unescapes, rejects some URNs), and schema identifiers must compare exactly as written.
/// </summary>
internal static class UriReference
{
    /// <summary>Resolves <paramref name="reference"/> against the absolute <paramref name="baseUri"/> (RFC 3986 section 5.2.2).</summary>
    public static string Resolve(string baseUri, string reference)
    {
        var r = Parse(reference);
        if (r.Scheme is not null)
        {
            return Compose(r.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);
        }

        var b = Parse(baseUri);
        if (r.Authority is not null)
        {
            return Compose(b.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);
        }

        if (r.Path.Length == 0)
        {
            return Compose(b.Scheme, b.Authority, b.Path, r.Query ?? b.Query, r.Fragment);
        }

        var path = r.Path[0] == '/' ? r.Path : Merge(b, r.Path);
        return Compose(b.Scheme, b.Authority, RemoveDotSegments(path), r.Query, r.Fragment);
    }

    /// <summary>Splits a URI into the part before '#' and the fragment (<see langword="null"/> when there is no '#').</summary>
    public static (string Resource, string? Fragment) SplitFragment(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (uri, null) : (uri[..hash], uri[(hash + 1)..]);
    }

    private static string Merge(Parts b, string path)
    {
        if (b.Authority is not null && b.Path.Length == 0)
        {
            return "/" + path;
        }

        var slash = b.Path.LastIndexOf('/');
        return slash < 0 ? path : string.Concat(b.Path.AsSpan(0, slash + 1), path);
    }

    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains('.', StringComparison.Ordinal))
        {
            return path;
        }

        var input = path;
        var output = new List<string>();
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input == "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal) || input == "/..")
            {
                input = input.Length == 3 ? "/" : input[3..];
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else if (input is "." or "..")
            {
                input = string.Empty;
            }
            else
            {
                var next = input.IndexOf('/', input[0] == '/' ? 1 : 0);
                var segment = next < 0 ? input : input[..next];
                output.Add(segment);
                input = next < 0 ? string.Empty : input[next..];
            }
        }

        return string.Concat(output);
    }

    private static string Compose(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var builder = new StringBuilder();
        if (scheme is not null)
        {
            builder.Append(scheme).Append(':');
        }

        if (authority is not null)
        {
            builder.Append("//").Append(authority);
        }

        builder.Append(path);
        if (query is not null)
        {
            builder.Append('?').Append(query);
        }

        if (fragment is not null)
        {
            builder.Append('#').Append(fragment);
        }

        return builder.ToString();
    }

    // RFC 3986 appendix B, written out by hand.
    private static Parts Parse(string uri)
    {
        var rest = uri;
        var fragment = UriSplitter.CutAfter(ref rest, '#');
        var query = UriSplitter.CutAfter(ref rest, '?');

        string? scheme = null;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && IsScheme(rest.AsSpan(0, colon)))
        {
            scheme = rest[..colon];
            rest = rest[(colon + 1)..];
        }

        string? authority = null;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var end = rest.IndexOf('/', 2);
            authority = end < 0 ? rest[2..] : rest[2..end];
            rest = end < 0 ? string.Empty : rest[end..];
        }

        return new Parts(scheme, authority, rest, query, fragment);
    }

    private static bool IsScheme(ReadOnlySpan<char> candidate)
    {
        if (!char.IsAsciiLetter(candidate[0]))
        {
            return false;
        }

        foreach (var c in candidate)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Parts(string? Scheme, string? Authority, string Path, string? Query, string? Fragment);
}
