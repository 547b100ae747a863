using System.Diagnostics;

namespace Foreman.Cli.Workflows;

/// <summary>How often each store operation was called and how long callers waited for it. Thread-safe.</summary>
internal sealed class StoreCallStats
{
    private static readonly StoreCall[] Calls = Enum.GetValues<StoreCall>();
    private readonly long[] _counts = new long[Calls.Length];
    private readonly long[] _ticks = new long[Calls.Length];

    public void Record(StoreCall call, long startTimestamp)
    {
        Interlocked.Increment(ref _counts[(int)call]);
        Interlocked.Add(ref _ticks[(int)call], Stopwatch.GetTimestamp() - startTimestamp);
    }

    /// <summary>Calls made, total wait and mean wait, for each operation that was called.</summary>
    public IReadOnlyList<(StoreCall Call, long Count, double TotalMs, double MeanMs)> Snapshot() =>
        Calls.Select(c => (c, Interlocked.Read(ref _counts[(int)c]), Interlocked.Read(ref _ticks[(int)c])))
            .Where(x => x.Item2 > 0)
            .Select(x => (x.c, x.Item2, x.Item3 * 1000.0 / Stopwatch.Frequency, x.Item3 * 1000.0 / Stopwatch.Frequency / x.Item2))
            .ToArray();
}
