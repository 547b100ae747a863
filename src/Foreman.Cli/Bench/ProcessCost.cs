using System.Diagnostics;

namespace Foreman.Cli.Bench;

/// <summary>
/// CPU time, managed allocations and garbage collections over an interval: with the wall time they tell whether a
/// benchmark is bound by the processor, by allocation or by waiting for the disk.
/// </summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
internal readonly record struct ProcessCost(TimeSpan CpuAtStart, long AllocatedAtStart, int CollectionsAtStart)
{
    public static ProcessCost Start() => new(CpuTime(), GC.GetTotalAllocatedBytes(precise: false), Collections());

    public (double CpuSeconds, long AllocatedBytes, int Collections) Stop() =>
        ((CpuTime() - CpuAtStart).TotalSeconds, GC.GetTotalAllocatedBytes(precise: false) - AllocatedAtStart, Collections() - CollectionsAtStart);

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static int Collections() => GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
}
