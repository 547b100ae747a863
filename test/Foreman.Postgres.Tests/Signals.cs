using System.Diagnostics;
using System.Globalization;

namespace Foreman.Postgres.Tests;

/// <summary>Sends POSIX signals with <c>kill</c>: SIGSTOP freezes a process mid-instruction, SIGCONT lets it go on.</summary>
internal static class Signals
{
    public static Task StopAsync(int processId) => SendAsync("STOP", processId);

    public static Task ContinueAsync(int processId) => SendAsync("CONT", processId);

    private static async Task SendAsync(string signal, int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, processId.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        kill.ExitCode.ShouldBe(0, $"kill -{signal} {processId} failed");
    }
}
