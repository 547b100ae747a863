using System.Buffers.Text;
using System.Numerics;

namespace Foreman.Schema.Json;

/// <summary>
/// An exact view of a JSON number as <c>±Digits × 10^Exponent</c>, with no leading or trailing zeros in
/// <see cref="Digits"/> (zero has no digits). Working on the decimal text rather than double or decimal keeps
/// comparisons, equality and multipleOf exact for any size, which matters for hostile input such as 1e308.
/// </summary>
internal readonly ref struct DecimalNumber
{
    // Exponents beyond this are clamped: no JSON number a parser accepts gets near it, and clamping keeps the arithmetic overflow-free.
    private const long ExponentLimit = 1_000_000_000_000_000;

    public DecimalNumber(bool negative, ReadOnlySpan<byte> digits, long exponent)
    {
        Negative = negative && !digits.IsEmpty;
        Digits = digits;
        Exponent = digits.IsEmpty ? 0 : exponent;
    }

    /// <summary>Gets a value indicating whether the number is below zero.</summary>
    public bool Negative { get; }

    /// <summary>Gets the significant digits as ASCII, without leading or trailing zeros.</summary>
    public ReadOnlySpan<byte> Digits { get; }

    /// <summary>Gets the power of ten the digits are scaled by.</summary>
    public long Exponent { get; }

    public bool IsZero => Digits.IsEmpty;

    public bool IsInteger => Digits.IsEmpty || Exponent >= 0;

    /// <summary>Parses JSON number text; <paramref name="buffer"/> must be at least as long as <paramref name="raw"/>.</summary>
    public static DecimalNumber Parse(ReadOnlySpan<byte> raw, Span<byte> buffer)
    {
        var i = 0;
        var negative = raw.Length > 0 && raw[0] == '-';
        if (negative)
        {
            i++;
        }

        var count = 0;
        long fractionDigits = 0;
        var inFraction = false;
        for (; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                buffer[count++] = b;
                if (inFraction)
                {
                    fractionDigits++;
                }
            }
            else if (b == '.')
            {
                inFraction = true;
            }
            else
            {
                break;
            }
        }

        long exponent = 0;
        if (i < raw.Length && (raw[i] == 'e' || raw[i] == 'E'))
        {
            i++;
            var negativeExponent = false;
            if (i < raw.Length && (raw[i] == '+' || raw[i] == '-'))
            {
                negativeExponent = raw[i] == '-';
                i++;
            }

            for (; i < raw.Length; i++)
            {
                exponent = Math.Min(ExponentLimit, (exponent * 10) + (raw[i] - '0'));
            }

            if (negativeExponent)
            {
                exponent = -exponent;
            }
        }

        var digits = buffer[..count];
        var start = 0;
        while (start < digits.Length && digits[start] == '0')
        {
            start++;
        }

        var end = digits.Length;
        while (end > start && digits[end - 1] == '0')
        {
            end--;
        }

        exponent = exponent - fractionDigits + (digits.Length - end);
        return new DecimalNumber(negative, digits[start..end], Math.Clamp(exponent, -ExponentLimit, ExponentLimit));
    }

    /// <summary>Compares two numbers exactly.</summary>
    public static int Compare(DecimalNumber a, DecimalNumber b)
    {
        if (a.IsZero || b.IsZero)
        {
            if (a.IsZero && b.IsZero)
            {
                return 0;
            }

            return a.IsZero ? (b.Negative ? 1 : -1) : (a.Negative ? -1 : 1);
        }

        if (a.Negative != b.Negative)
        {
            return a.Negative ? -1 : 1;
        }

        var magnitude = CompareMagnitude(a, b);
        return a.Negative ? -magnitude : magnitude;
    }

    /// <summary>Returns whether <paramref name="value"/> divided by <paramref name="divisor"/> is an integer, exactly.</summary>
    public static bool IsMultipleOf(DecimalNumber value, DecimalNumber divisor)
    {
        if (value.IsZero)
        {
            return true;
        }

        if (divisor.IsZero)
        {
            return false;
        }

        // value / divisor = (Mv / Md) * 10^k. With k < 0 that needs 10^-k to divide Mv, impossible once trailing zeros
        // are stripped; with k >= 0 it is a modular check that never builds 10^k (k can be 300 or more).
        var k = value.Exponent - divisor.Exponent;
        if (k < 0)
        {
            return false;
        }

        if (divisor.Digits.Length <= 19 && Utf8Parser.TryParse(divisor.Digits, out ulong modulus, out _))
        {
            UInt128 remainder = 0;
            foreach (var digit in value.Digits)
            {
                remainder = ((remainder * 10) + (uint)(digit - '0')) % modulus;
            }

            return remainder == 0 || remainder * PowerOfTenModulo(k, modulus) % modulus == 0;
        }

        // Divisors with more than 19 significant digits: the same streaming remainder, in BigInteger.
        var bigModulus = BigInteger.Zero;
        foreach (var digit in divisor.Digits)
        {
            bigModulus = (bigModulus * 10) + (digit - '0');
        }

        var bigRemainder = BigInteger.Zero;
        foreach (var digit in value.Digits)
        {
            bigRemainder = ((bigRemainder * 10) + (digit - '0')) % bigModulus;
        }

        return bigRemainder.IsZero || bigRemainder * BigInteger.ModPow(10, k, bigModulus) % bigModulus == 0;
    }

    /// <summary>Returns a hash consistent with <see cref="Compare"/> equality.</summary>
    public int GetValueHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Negative);
        hash.Add(Exponent);
        hash.AddBytes(Digits);
        return hash.ToHashCode();
    }

    private static int CompareMagnitude(DecimalNumber a, DecimalNumber b)
    {
        // The position of the leading digit decides unless it is equal; then compare digit by digit.
        var leadA = a.Digits.Length + a.Exponent;
        var leadB = b.Digits.Length + b.Exponent;
        if (leadA != leadB)
        {
            return leadA < leadB ? -1 : 1;
        }

        var length = Math.Max(a.Digits.Length, b.Digits.Length);
        for (var i = 0; i < length; i++)
        {
            var da = i < a.Digits.Length ? a.Digits[i] : (byte)'0';
            var db = i < b.Digits.Length ? b.Digits[i] : (byte)'0';
            if (da != db)
            {
                return da < db ? -1 : 1;
            }
        }

        return 0;
    }

    private static UInt128 PowerOfTenModulo(long exponent, ulong modulus)
    {
        UInt128 result = 1 % modulus;
        UInt128 power = 10 % modulus;
        while (exponent > 0)
        {
            if ((exponent & 1) != 0)
            {
                result = result * power % modulus;
            }

            power = power * power % modulus;
            exponent >>= 1;
        }

        return result;
    }
}
