using System.Text;

namespace Foreman.Schema.Formats;

/// <summary>RFC 3492 Punycode decoding, enough to tell whether an A-label is well formed.</summary>
internal static class Punycode
{
    private const int Base = 36;
    private const int TMin = 1;
    private const int TMax = 26;
    private const int Skew = 38;
    private const int Damp = 700;

    public static bool TryDecode(string input, out string output)
    {
        output = string.Empty;
        var codePoints = new List<int>();
        var delimiter = input.LastIndexOf('-');
        if (delimiter > 0)
        {
            foreach (var c in input.AsSpan(0, delimiter))
            {
                if (c >= 0x80)
                {
                    return false;
                }

                codePoints.Add(c);
            }
        }

        long n = 128;
        long i = 0;
        var bias = 72;
        var position = delimiter > 0 ? delimiter + 1 : 0;
        while (position < input.Length)
        {
            var oldI = i;
            long w = 1;
            for (var k = Base; ; k += Base)
            {
                if (position >= input.Length)
                {
                    return false;
                }

                var digit = Digit(input[position++]);
                if (digit < 0)
                {
                    return false;
                }

                i += digit * w;
                var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                if (digit < t)
                {
                    break;
                }

                w *= Base - t;
                if (i > 0x10FFFF * 64L || w > 0x10FFFF * 64L)
                {
                    return false;
                }
            }

            bias = Adapt(i - oldI, codePoints.Count + 1, oldI == 0);
            n += i / (codePoints.Count + 1);
            i %= codePoints.Count + 1;
            if (n > 0x10FFFF || n is >= 0xD800 and <= 0xDFFF)
            {
                return false;
            }

            codePoints.Insert((int)i, (int)n);
            i++;
        }

        var builder = new StringBuilder();
        foreach (var codePoint in codePoints)
        {
            builder.Append(char.ConvertFromUtf32(codePoint));
        }

        output = builder.ToString();
        return true;
    }

    private static int Digit(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a',
        >= 'A' and <= 'Z' => c - 'A',
        >= '0' and <= '9' => c - '0' + 26,
        _ => -1,
    };

    private static int Adapt(long delta, int points, bool first)
    {
        delta = first ? delta / Damp : delta / 2;
        delta += delta / points;
        var k = 0;
        while (delta > ((Base - TMin) * TMax) / 2)
        {
            delta /= Base - TMin;
            k += Base;
        }

        return (int)(k + (((Base - TMin + 1) * delta) / (delta + Skew)));
    }
}
