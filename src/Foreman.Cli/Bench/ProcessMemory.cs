using System.Diagnostics;

namespace Foreman.Cli.Bench;

/// <summary>The process's resident memory (Linux RSS, Windows working set), in MB.</summary>
internal static class ProcessMemory
{
    private const double Megabyte = 1024 * 1024;

    /// <summary>The resident set now, and the most it has been since the process started.</summary>
    public static (double CurrentMb, double PeakMb) Read()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (process.WorkingSet64 / Megabyte, process.PeakWorkingSet64 / Megabyte);
    }

    public static double ToMb(long bytes) => bytes / Megabyte;
}
