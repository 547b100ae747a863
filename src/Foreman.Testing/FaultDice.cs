namespace Foreman.Testing;

/// <summary>
/// The fault decisions of one call, derived from the fault seed, the model and the call number alone, so a
/// call's faults do not depend on how many draws earlier calls made or on thread interleaving.
/// </summary>
internal readonly struct FaultDice
{
    private readonly ulong _key;

    public FaultDice(int seed, ulong modelKey, long callNumber)
    {
        _key = StableHash.Combine(StableHash.Combine((ulong)(uint)seed, modelKey), (ulong)callNumber);
    }

    /// <summary>Says whether a fault of <paramref name="kind"/> happens at <paramref name="rate"/>.</summary>
    public bool Happens(FaultKind kind, double rate) => rate > 0 && StableHash.ToUnit(Stream(kind)) < rate;

    /// <summary>A random source for the details of a fault (which call, which style).</summary>
    public Random RandomFor(FaultKind kind) => new(StableHash.ToSeed(StableHash.Mix(Stream(kind))));

    private ulong Stream(FaultKind kind) => StableHash.Combine(_key, (ulong)kind);
}
