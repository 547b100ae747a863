namespace Foreman.Testing;

/// <summary>
/// Hashing that is identical on every machine and process: <see cref="string.GetHashCode()"/> is randomized
/// per process, which would make "deterministic for a seed" true only within one run.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The FNV-1a hash of a string's UTF-16 code units.</summary>
    public static ulong Of(string? text) => Append(FnvOffset, text);

    /// <summary>Folds <paramref name="text"/> into a running FNV-1a hash.</summary>
    public static ulong Append(ulong hash, string? text)
    {
        if (text is null)
        {
            return Append(hash, 0xFFFF);
        }

        foreach (var c in text)
        {
            hash = Append(hash, c);
        }

        // A terminator keeps ("ab","c") and ("a","bc") apart.
        return Append(hash, 0);
    }

    /// <summary>SplitMix64's finalizer: a cheap bijective mix with good avalanche.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>Combines two values order-sensitively.</summary>
    public static ulong Combine(ulong a, ulong b) => Mix(a ^ Mix(b + 0x632BE59BD9B4E019UL));

    /// <summary>Maps a hash to a double uniformly distributed in [0, 1).</summary>
    public static double ToUnit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>Folds a hash to a non-negative seed for <see cref="Random"/>.</summary>
    public static int ToSeed(ulong hash) => (int)(hash & int.MaxValue);

    private static ulong Append(ulong hash, int unit)
    {
        hash ^= (byte)unit;
        hash *= FnvPrime;
        hash ^= (byte)(unit >> 8);
        return hash * FnvPrime;
    }
}
