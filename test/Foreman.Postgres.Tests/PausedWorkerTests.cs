using System.Diagnostics;
using Foreman.Workflows.Storage;
using Xunit.Abstractions;

namespace Foreman.Postgres.Tests;

/// <summary>
/// Fencing across processes: a worker frozen with SIGSTOP past its lease loses its run to another worker, which
/// finishes it; resumed with SIGCONT, the first worker's late writes are refused and change nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PausedWorkerTests(PostgresCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task WorkerPausedPastItsLease_AnotherFinishesTheRun_LateWritesAreRefused()
    {
        await using var scenario = await LedgerScenario.CreateAsync(cluster);
        await scenario.SubmitAsync(workflows: 1, steps: 3);

        // Each step works 1.5 s after its ledger write, three times the lease: the pause lands inside a step.
        using var paused = scenario.StartHost(leaseMs: 500, effectDelayMs: 1500);
        var run = await WaitForAsync(scenario, r => r.Status == RunStatus.Running && r.LeaseOwner == $"crash-host-{paused.Id}", TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        await Signals.StopAsync(paused.Id);
        var clock = Stopwatch.StartNew();
        try
        {
            using (var successor = scenario.StartHost(leaseMs: 500, effectDelayMs: 1500, exitWhenDone: true))
            {
                (await successor.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBeTrue(successor.Output);
            }

            var finished = (await scenario.Store.GetRunAsync(run.RunId, CancellationToken.None))!;
            finished.Status.ShouldBe(RunStatus.Completed);
            finished.Epoch.ShouldBeGreaterThan(run.Epoch);
            output.WriteLine($"the successor finished the run in {clock.Elapsed.TotalSeconds:0.0} s; resuming the paused worker");

            await Signals.ContinueAsync(paused.Id);
            var refused = await WaitForOutputAsync(paused, $"fenced {run.RunId}", TimeSpan.FromSeconds(30));
            refused.ShouldBeTrue($"The resumed worker never reported a refused write. Its output:\n{paused.Output}");
            output.WriteLine(paused.Output);

            // Its late write changed nothing: same version, same output, one entry per step on the ledger.
            var after = (await scenario.Store.GetRunAsync(run.RunId, CancellationToken.None))!;
            after.Version.ShouldBe(finished.Version);
            after.Output.ShouldBe(finished.Output);
            await scenario.VerifyAsync();
        }
        finally
        {
            await Signals.ContinueAsync(paused.Id);
            await paused.KillAsync();
        }
    }

    private static async Task<RunRecord> WaitForAsync(LedgerScenario scenario, Func<RunRecord, bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var runs = await scenario.Store.ListRunsAsync(new RunQuery { Limit = 10 }, CancellationToken.None);
            if (runs.FirstOrDefault(condition) is { } run)
            {
                return run;
            }

            clock.Elapsed.ShouldBeLessThan(limit, "The run never reached the expected state.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    private static async Task<bool> WaitForOutputAsync(Foreman.CrashTests.HostProcess host, string text, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (host.Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        return false;
    }
}
