using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Foreman.Schema.Json;

/// <summary>
/// Reads string instances and property names from their raw UTF-8 without allocating. Decoding is done here rather
/// than by <see cref="JsonElement.GetString"/> because that throws on a lone surrogate escape, which hostile input may contain.
/// </summary>
internal static class JsonStrings
{
    private const int StackLimit = 256;

    /// <summary>Gets the raw UTF-8 between the quotes of a string element (escapes not decoded).</summary>
    public static ReadOnlySpan<byte> RawBody(JsonElement text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        return raw[1..^1];
    }

    /// <summary>Counts Unicode code points (not UTF-16 units) in a raw string body.</summary>
    public static long CountCodePoints(ReadOnlySpan<byte> body)
    {
        if (body.IndexOf((byte)'\\') < 0)
        {
            if (Ascii.IsValid(body))
            {
                return body.Length;
            }

            long count = 0;
            foreach (var b in body)
            {
                if ((b & 0xC0) != 0x80)
                {
                    count++;
                }
            }

            return count;
        }

        long total = 0;
        var i = 0;
        while (i < body.Length)
        {
            var b = body[i];
            if (b == '\\')
            {
                if (body[i + 1] == 'u')
                {
                    var unit = ParseHex(body.Slice(i + 2, 4));
                    i += 6;
                    if (char.IsHighSurrogate((char)unit) && i + 6 <= body.Length && body[i] == '\\' && body[i + 1] == 'u'
                        && char.IsLowSurrogate((char)ParseHex(body.Slice(i + 2, 4))))
                    {
                        i += 6;
                    }
                }
                else
                {
                    i += 2;
                }

                total++;
            }
            else
            {
                if ((b & 0xC0) != 0x80)
                {
                    total++;
                }

                i++;
            }
        }

        return total;
    }

    /// <summary>Decodes a raw string body (escapes and UTF-8) into UTF-16; <paramref name="destination"/> needs <c>body.Length</c> chars.</summary>
    public static int Decode(ReadOnlySpan<byte> body, Span<char> destination)
    {
        var written = 0;
        while (!body.IsEmpty)
        {
            var escape = body.IndexOf((byte)'\\');
            var plain = escape < 0 ? body : body[..escape];
            written += Encoding.UTF8.GetChars(plain, destination[written..]);
            if (escape < 0)
            {
                break;
            }

            var kind = body[escape + 1];
            if (kind == 'u')
            {
                destination[written++] = (char)ParseHex(body.Slice(escape + 2, 4));
                body = body[(escape + 6)..];
                continue;
            }

            destination[written++] = kind switch
            {
                (byte)'n' => '\n',
                (byte)'t' => '\t',
                (byte)'r' => '\r',
                (byte)'b' => '\b',
                (byte)'f' => '\f',
                _ => (char)kind,
            };
            body = body[(escape + 2)..];
        }

        return written;
    }

    /// <summary>Decodes a raw string body into a new string (lone surrogates are kept, never thrown on).</summary>
    public static string ToString(ReadOnlySpan<byte> body)
    {
        if (body.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(body);
        }

        var rented = ArrayPool<char>.Shared.Rent(body.Length);
        try
        {
            return new string(rented, 0, Decode(body, rented));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    public static string GetString(JsonElement text) => ToString(RawBody(text));

    public static string GetName(JsonProperty property) => ToString(JsonMarshal.GetRawUtf8PropertyName(property));

    /// <summary>Runs <paramref name="regex"/> over a raw string body without allocating; a timeout surfaces as <see cref="RegexMatchTimeoutException"/>.</summary>
    public static bool IsMatch(ReadOnlySpan<byte> body, Regex regex)
    {
        char[]? rented = null;
        var chars = body.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(body.Length));
        try
        {
            var length = body.IndexOf((byte)'\\') < 0 ? Encoding.UTF8.GetChars(body, chars) : Decode(body, chars);
            return regex.IsMatch(chars[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Compares two raw string bodies by their decoded value.</summary>
    public static bool AreEqual(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.SequenceEqual(b))
        {
            return true;
        }

        if (a.IndexOf((byte)'\\') < 0 && b.IndexOf((byte)'\\') < 0)
        {
            return false;
        }

        return string.Equals(ToString(a), ToString(b), StringComparison.Ordinal);
    }

    /// <summary>Returns whether a raw string body decodes to exactly <paramref name="utf8"/> (unescaped UTF-8).</summary>
    public static bool EqualsUtf8(ReadOnlySpan<byte> body, ReadOnlySpan<byte> utf8)
    {
        if (body.IndexOf((byte)'\\') < 0)
        {
            return body.SequenceEqual(utf8);
        }

        return Encoding.UTF8.GetBytes(ToString(body)).AsSpan().SequenceEqual(utf8);
    }

    public static int GetValueHashCode(ReadOnlySpan<byte> body)
    {
        var hash = default(HashCode);
        if (body.IndexOf((byte)'\\') < 0)
        {
            hash.AddBytes(body);
        }
        else
        {
            hash.AddBytes(Encoding.UTF8.GetBytes(ToString(body)));
        }

        return hash.ToHashCode();
    }

    private static int ParseHex(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var b in hex)
        {
            value = (value << 4) | (b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10);
        }

        return value;
    }
}
