using System.Globalization;

namespace Foreman.Schema.Formats;

/// <summary>ipv4 (dotted quad, no leading zeros), ipv6 (RFC 4291 text forms), hostname (RFC 1123 with A-label checks) and email (RFC 5321 mailbox).</summary>
internal static class NetworkFormats
{
    private const string AtomSpecials = "!#$%&'*+-/=?^_`{|}~";

    public static bool IsIPv4(string value)
    {
        var parts = value.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit) || int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsIPv6(string value)
    {
        var doubleColon = value.IndexOf("::", StringComparison.Ordinal);
        if (doubleColon >= 0 && value.IndexOf("::", doubleColon + 1, StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        int groups;
        if (doubleColon < 0)
        {
            if (!CountGroups(value, out groups))
            {
                return false;
            }

            return groups == 8;
        }

        var left = value[..doubleColon];
        var right = value[(doubleColon + 2)..];
        if (left.Contains('.', StringComparison.Ordinal) || !CountGroups(left, out var leftGroups) || !CountGroups(right, out var rightGroups))
        {
            return false;
        }

        return leftGroups + rightGroups <= 7;
    }

    public static bool IsHostname(string value)
    {
        if (value.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in value.Split('.'))
        {
            if (!IsLabel(label))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsEmail(string value)
    {
        int at;
        if (value.StartsWith('"'))
        {
            var i = 1;
            while (i < value.Length && value[i] != '"')
            {
                if (value[i] == '\\')
                {
                    i++;
                }
                else if (value[i] < 0x20 || value[i] > 0x7E)
                {
                    return false;
                }

                i++;
            }

            if (i >= value.Length - 1 || value[i + 1] != '@')
            {
                return false;
            }

            at = i + 1;
        }
        else
        {
            at = value.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0 || !IsDotAtom(value.AsSpan(0, at)))
            {
                return false;
            }
        }

        var domain = value[(at + 1)..];
        if (domain.StartsWith('[') && domain.EndsWith(']'))
        {
            var literal = domain[1..^1];
            return literal.StartsWith("IPv6:", StringComparison.Ordinal) ? IsIPv6(literal[5..]) : IsIPv4(literal);
        }

        return IsHostname(domain);
    }

    private static bool IsDotAtom(ReadOnlySpan<char> local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && !AtomSpecials.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool CountGroups(string part, out int groups)
    {
        groups = 0;
        if (part.Length == 0)
        {
            return true;
        }

        var pieces = part.Split(':');
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i];
            if (i == pieces.Length - 1 && piece.Contains('.', StringComparison.Ordinal))
            {
                if (!IsIPv4(piece))
                {
                    return false;
                }

                groups += 2;
                continue;
            }

            if (piece.Length is 0 or > 4 || !piece.All(char.IsAsciiHexDigit))
            {
                return false;
            }

            groups++;
        }

        return true;
    }

    private static bool IsLabel(string label)
    {
        if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        // "--" in positions 3-4 is reserved for A-labels (xn--), which must decode to a plausible U-label.
        if (label.Length >= 4 && label[2] == '-' && label[3] == '-')
        {
            if (!label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase) || !Punycode.TryDecode(label[4..], out var unicode))
            {
                return false;
            }

            return !(unicode.Length >= 4 && unicode[2] == '-' && unicode[3] == '-') && IdnaRules.IsValidLabel(unicode);
        }

        return true;
    }
}
