using System.Diagnostics;
using Foreman.CrashTests;
using Foreman.Workflows.Storage;
using Xunit.Abstractions;

namespace Foreman.Postgres.Tests;

/// <summary>
/// Several worker processes on one database, killed with SIGKILL at random and restarted, while 1,000 workflows append
/// to an external ledger: every workflow completes, none is lost, no ledger entry is booked twice, and the dead
/// workers' runs are taken over by the others once their leases expire.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WorkerKillTests(PostgresCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task WorkersKilledAtRandom_EveryWorkflowCompletesOnce_NoDuplicateLedgerEntry()
    {
        const int Workflows = 1000;
        const int Steps = 5;
        const int Workers = 4;
        const int Kills = 8;
        var random = new Random(20261122);
        var clock = Stopwatch.StartNew();
        await using var scenario = await LedgerScenario.CreateAsync(cluster);
        await scenario.SubmitAsync(Workflows, Steps);

        var hosts = new HostProcess[Workers];
        for (var i = 0; i < Workers; i++)
        {
            hosts[i] = scenario.StartHost(leaseMs: 2000, effectDelayMs: 10);
        }

        try
        {
            var killsMidRun = 0;
            for (var kill = 1; kill <= Kills; kill++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 900)), TimeProvider.System);
                var victim = random.Next(Workers);
                var counts = await scenario.Store.CountByStatusAsync(CancellationToken.None);
                var wasReady = hosts[victim].IsReady;
                await hosts[victim].KillAsync();
                hosts[victim].Dispose();
                if (wasReady && counts.GetValueOrDefault(RunStatus.Completed) < Workflows)
                {
                    killsMidRun++;
                }

                output.WriteLine($"kill {kill}: worker {victim} ({(wasReady ? "running" : "starting")}), {counts.GetValueOrDefault(RunStatus.Completed)} completed, {counts.GetValueOrDefault(RunStatus.Running)} running ({clock.Elapsed.TotalSeconds:0.0} s)");
                hosts[victim] = scenario.StartHost(leaseMs: 2000, effectDelayMs: 10);
            }

            killsMidRun.ShouldBeGreaterThan(0, "No kill landed while workflows ran; the test proved nothing.");
            using var final = scenario.StartHost(leaseMs: 2000, effectDelayMs: 10, exitWhenDone: true);
            (await final.WaitForExitAsync(TimeSpan.FromSeconds(120))).ShouldBeTrue($"The workers did not finish. Last worker's output:\n{final.Output}");
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }

        var runs = await scenario.VerifyAsync();
        output.WriteLine($"done at {clock.Elapsed.TotalSeconds:0.0} s; re-executions caught by the ledger: {scenario.Replays()}; runs claimed more than once: {runs.Count(r => r.Claims > 1)}");
        output.WriteLine("claims per run: " + string.Join(", ", runs.GroupBy(r => r.Claims).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}")));
    }
}
