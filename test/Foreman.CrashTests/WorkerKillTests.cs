using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Foreman.CrashHost;
using Foreman.Sqlite;
using Foreman.Workflows;
using Foreman.Workflows.Storage;
using Xunit.Abstractions;

namespace Foreman.CrashTests;

/// <summary>
/// The durability claim, tested the hard way: a real worker process is killed with SIGKILL at random moments while
/// it runs workflows whose steps append to an external ledger, then restarted. Every workflow must complete with its
/// reference output, no run may be lost, and no ledger entry may be booked twice.
/// </summary>
public sealed class WorkerKillTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan FinalRunLimit = TimeSpan.FromSeconds(150);
    private readonly string _folder = Directory.CreateTempSubdirectory("foreman-crash-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying host: the temp folder is cleaned up later.
        }
    }

    [Fact]
    public async Task KilledAndRestartedWorker_CompletesEveryWorkflowOnce_WithNoDuplicateLedgerEntry()
    {
        var settings = CrashTestSettings.FromEnvironment();
        var random = new Random(settings.Seed);
        var database = Path.Combine(_folder, "foreman.db");
        var ledger = Path.Combine(_folder, "ledger.db");
        string[] hostArguments = ["--db", database, "--ledger", ledger, "--concurrency", settings.Concurrency.ToString(CultureInfo.InvariantCulture), "--lease-ms", "2000", "--poll-ms", "200",
            "--effect-delay-ms", settings.EffectDelayMs.ToString(CultureInfo.InvariantCulture)];
        var clock = Stopwatch.StartNew();

        await using var store = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = database });
        await store.InitializeAsync(CancellationToken.None);
        var runIds = await LedgerRuns.SubmitAsync(store, settings.Workflows, settings.Steps, parallelism: 64);
        output.WriteLine($"submitted {settings.Workflows} workflows x {settings.Steps} steps in {clock.Elapsed.TotalSeconds:0.0} s (seed {settings.Seed}, {settings.Kills} kills)");

        var killsMidRun = 0;
        var killsDuringStartup = 0;
        for (var kill = 1; kill <= settings.Kills; kill++)
        {
            using var host = HostProcess.Start(hostArguments);

            // Most kills land 100-700 ms into the worker's execution; the second, and one in four of the others,
            // lands while the process is still starting (opening the store, recovering the write-ahead log).
            if (kill == 2 || random.Next(4) == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(20, 200)), TimeProvider.System);
            }
            else
            {
                await host.Ready.WaitAsync(TimeSpan.FromSeconds(30));
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(100, 701)), TimeProvider.System);
            }

            var before = await store.CountByStatusAsync(CancellationToken.None);
            var ready = host.IsReady;
            await host.KillAsync();
            var completed = before.GetValueOrDefault(RunStatus.Completed);
            var running = before.GetValueOrDefault(RunStatus.Running);
            if (ready && completed < settings.Workflows)
            {
                killsMidRun++;
            }
            else if (!ready)
            {
                killsDuringStartup++;
            }

            output.WriteLine($"kill {kill}: {(ready ? "worker running" : "during startup")}, {completed} completed, {running} running at the kill ({clock.Elapsed.TotalSeconds:0.0} s)");
        }

        using (var final = HostProcess.Start([.. hostArguments, "--exit-when-done"]))
        {
            var exited = await final.WaitForExitAsync(FinalRunLimit);
            exited.ShouldBeTrue($"The final worker did not finish within {FinalRunLimit}. Its output:\n{final.Output}");
            final.ExitCode.ShouldBe(0, final.Output);
        }

        output.WriteLine($"final worker done at {clock.Elapsed.TotalSeconds:0.0} s");

        var (runs, ledgerTotals) = await LedgerRuns.VerifyAsync(store, runIds, ledger);

        var reclaims = runs.Sum(r => r.Claims) - settings.Workflows;
        output.WriteLine($"kills: {settings.Kills} ({killsMidRun} mid-run, {killsDuringStartup} during startup)");
        output.WriteLine($"re-executions detected by the ledger (step ran again, entry not booked twice): {ledgerTotals.Replays}");
        output.WriteLine($"runs claimed again after a kill: {reclaims}; ledger entries: {ledgerTotals.Entries.Count}; duplicates: 0");
        output.WriteLine("claims per run: " + string.Join(", ", runs.GroupBy(r => r.Claims).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}")));
        output.WriteLine($"total {clock.Elapsed.TotalSeconds:0.0} s");
        killsMidRun.ShouldBeGreaterThan(0, "No kill landed while the worker ran workflows; the test proved nothing.");

        // Each worker incarnation claims a run at most once (a live lease is never taken); one more allows for a
        // lease that ran out while a starved process could not renew it. More means runs are being stolen from
        // live executions, which fences them and redoes their work.
        runs.Max(r => r.Claims).ShouldBeLessThanOrEqualTo(settings.Kills + 2, "A run was claimed more often than there were worker incarnations.");
    }
}
