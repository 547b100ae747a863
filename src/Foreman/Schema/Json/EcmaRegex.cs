using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Foreman.Schema.Json;

/// <summary>
/// Compiles JSON Schema patterns (ECMA-262 syntax) to .NET regexes. .NET's own dialect differs where it matters for
/// validation: <c>\d</c> and <c>\w</c> match non-ASCII digits and letters, <c>$</c> matches before a trailing newline,
/// and <c>.</c> matches <c>\r</c>. Left alone, <c>^\d+$</c> would accept "١٢\n". The rewrite below closes those gaps.
/// </summary>
internal static class EcmaRegex
{
    private const string Digit = "0-9";
    private const string Word = "a-zA-Z0-9_";
    private const string Space = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";

    // Complements spelled as ranges so they also work inside a character class.
    private const string NotDigit = "\\u0000-\\u002f\\u003a-\\uffff";
    private const string NotWord = "\\u0000-\\u002f\\u003a-\\u0040\\u005b-\\u005e\\u0060\\u007b-\\uffff";
    private const string NotSpace = "\\u0000-\\u0008\\u000e-\\u001f\\u0021-\\u009f\\u00a1-\\u167f\\u1681-\\u1fff\\u200b-\\u2027\\u202a-\\u202e\\u2030-\\u205e\\u2060-\\u2fff\\u3001-\\ufefe\\uff00-\\uffff";

    private static readonly Dictionary<string, string> PropertyNames = new(StringComparer.Ordinal)
    {
        ["Letter"] = "L", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll", ["Titlecase_Letter"] = "Lt",
        ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo", ["Mark"] = "M", ["Combining_Mark"] = "M",
        ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc", ["Enclosing_Mark"] = "Me", ["Number"] = "N",
        ["Decimal_Number"] = "Nd", ["digit"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No",
        ["Punctuation"] = "P", ["punct"] = "P", ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd",
        ["Open_Punctuation"] = "Ps", ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi",
        ["Final_Punctuation"] = "Pf", ["Other_Punctuation"] = "Po", ["Symbol"] = "S", ["Math_Symbol"] = "Sm",
        ["Currency_Symbol"] = "Sc", ["Modifier_Symbol"] = "Sk", ["Other_Symbol"] = "So", ["Separator"] = "Z",
        ["Space_Separator"] = "Zs", ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp", ["Other"] = "C",
        ["Control"] = "Cc", ["cntrl"] = "Cc", ["Format"] = "Cf", ["Surrogate"] = "Cs", ["Private_Use"] = "Co",
        ["Unassigned"] = "Cn",
    };

    /// <summary>
    /// Compiles a pattern. The linear-time engine is tried first so that hostile input cannot trigger catastrophic
    /// backtracking; patterns it cannot run (lookarounds, backreferences) fall back to the backtracking engine, bounded by the timeout.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public static Regex Create(string pattern, TimeSpan timeout)
    {
        var translated = Translate(pattern, strict: false);
        try
        {
            return new Regex(translated, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, timeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(translated, RegexOptions.CultureInvariant, timeout);
        }
    }

    /// <summary>Returns whether <paramref name="pattern"/> is a regular expression this validator accepts.</summary>
    public static bool IsValid(string pattern)
    {
        try
        {
            _ = new Regex(Translate(pattern, strict: true), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Rewrites ECMA-262 syntax into the equivalent .NET syntax. With <paramref name="strict"/> off, .NET-only escapes
    /// such as <c>\A</c> and <c>\z</c> pass through with their .NET meaning: schemas generated from .NET attributes use them,
    /// and rejecting such a schema helps nobody. The <c>regex</c> format is checked strictly.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is malformed (or, when strict, uses a construct ECMA-262 does not allow).</exception>
    public static string Translate(string pattern, bool strict)
    {
        var output = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                {
                    throw new ArgumentException("The pattern ends with a lone backslash.");
                }

                i = TranslateEscape(pattern, i + 1, inClass, strict, output);
                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                output.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    // ECMA-262 reads "[]" as matching nothing and "[^]" as matching anything; .NET would read the ']' as a literal.
                    if (string.CompareOrdinal(pattern, i, "[]", 0, 2) == 0)
                    {
                        output.Append("(?!)");
                        i++;
                    }
                    else if (string.CompareOrdinal(pattern, i, "[^]", 0, 3) == 0)
                    {
                        output.Append("[\\s\\S]");
                        i += 2;
                    }
                    else
                    {
                        inClass = true;
                        output.Append('[');
                        if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                        {
                            output.Append('^');
                            i++;
                        }
                    }

                    break;
                case '$':
                    output.Append("\\z");
                    break;
                case '.':
                    output.Append("[^\\n\\r\\u2028\\u2029]");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < pattern.Length && char.IsLowSurrogate(pattern[i + 1]))
                    {
                        // Keep a supplementary character together so a following quantifier applies to all of it.
                        output.Append("(?:").Append(c).Append(pattern[i + 1]).Append(')');
                        i++;
                    }
                    else
                    {
                        output.Append(c);
                    }

                    break;
            }
        }

        return output.ToString();
    }

    private static int TranslateEscape(string pattern, int i, bool inClass, bool strict, StringBuilder output)
    {
        var c = pattern[i];
        switch (c)
        {
            case 'd':
                output.Append(inClass ? Digit : "[" + Digit + "]");
                return i;
            case 'D':
                output.Append(inClass ? NotDigit : "[" + NotDigit + "]");
                return i;
            case 'w':
                output.Append(inClass ? Word : "[" + Word + "]");
                return i;
            case 'W':
                output.Append(inClass ? NotWord : "[" + NotWord + "]");
                return i;
            case 's':
                output.Append(inClass ? Space : "[" + Space + "]");
                return i;
            case 'S':
                output.Append(inClass ? NotSpace : "[" + NotSpace + "]");
                return i;
            case 'p' or 'P':
                return TranslateProperty(pattern, i, output);
            case 'u' when i + 1 < pattern.Length && pattern[i + 1] == '{':
                var close = pattern.IndexOf('}', i);
                if (close < 0 || !int.TryParse(pattern.AsSpan(i + 2, close - i - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var codePoint)
                    || codePoint > 0x10FFFF)
                {
                    throw new ArgumentException("Invalid \\u{...} escape.");
                }

                foreach (var unit in char.ConvertFromUtf32(codePoint))
                {
                    output.Append("\\u").Append(((int)unit).ToString("x4", CultureInfo.InvariantCulture));
                }

                return close;
            case 'a' or 'e' or 'A' or 'Z' or 'z' or 'G' when strict:
                // .NET-only escapes (bell, escape, anchors) are errors in ECMA-262 unicode mode.
                throw new ArgumentException($"'\\{c}' is not an ECMA-262 escape.");
            default:
                output.Append('\\').Append(c);
                return i;
        }
    }

    private static int TranslateProperty(string pattern, int i, StringBuilder output)
    {
        if (i + 1 >= pattern.Length || pattern[i + 1] != '{')
        {
            throw new ArgumentException("\\p needs a {property} name.");
        }

        var close = pattern.IndexOf('}', i);
        if (close < 0)
        {
            throw new ArgumentException("Unterminated \\p{...}.");
        }

        var name = pattern.Substring(i + 2, close - i - 2);
        var equals = name.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            var prefix = name[..equals];
            if (prefix is not ("General_Category" or "gc"))
            {
                throw new ArgumentException($"Unicode property '{name}' is not supported.");
            }

            name = name[(equals + 1)..];
        }

        if (PropertyNames.TryGetValue(name, out var shortName))
        {
            name = shortName;
        }

        output.Append('\\').Append(pattern[i]).Append('{').Append(name).Append('}');
        return close;
    }
}
