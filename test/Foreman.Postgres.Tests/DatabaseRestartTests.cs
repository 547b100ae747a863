using System.Collections.Concurrent;
using System.Diagnostics;
using Foreman.Workflows;
using Foreman.Workflows.Storage;
using Xunit.Abstractions;

namespace Foreman.Postgres.Tests;

/// <summary>PostgreSQL restarted under running workers: they reconnect on their own and every workflow completes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DatabaseRestartTests(PostgresCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task ServerRestartedDuringRuns_WorkersReconnect_EverythingCompletes()
    {
        const int Workflows = 300;
        const int Steps = 5;
        var effects = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var workflow = new DelegateWorkflow<int, int>("slow-sum", async (context, index) =>
        {
            var total = 0;
            for (var step = 1; step <= Steps; step++)
            {
                var number = step;
                total += await context.StepAsync("add", async (s, ct) =>
                {
                    effects.AddOrUpdate(s.IdempotencyKey, 1, (_, n) => n + 1);
                    await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, ct);
                    return number;
                });
            }

            return total;
        });
        var schema = cluster.NewSchema();
        var clock = Stopwatch.StartNew();
        await using var group = await WorkerGroup.StartAsync(cluster, schema, workers: 3, [workflow], new WorkflowWorkerOptions
        {
            MaxConcurrentRuns = 8,
            LeaseDuration = TimeSpan.FromSeconds(2),
            PollInterval = TimeSpan.FromMilliseconds(200),
        });
        await Parallel.ForAsync(0, Workflows, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await group.Engine.SubmitAsync("slow-sum", i, $"sum-{i}", ct));

        // Restart once work is well under way, then again while the workers are still recovering from the first.
        await WaitForCompletedAsync(group.Control, 30);
        await cluster.RestartAsync();
        output.WriteLine($"restarted at {clock.Elapsed.TotalSeconds:0.0} s");
        await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        await cluster.RestartAsync();
        output.WriteLine($"restarted again at {clock.Elapsed.TotalSeconds:0.0} s");

        await group.WaitUntilAllFinishedAsync(TimeSpan.FromSeconds(120));
        output.WriteLine($"all finished at {clock.Elapsed.TotalSeconds:0.0} s; steps re-executed after a lost commit: {effects.Values.Sum() - (Workflows * Steps)}");
        var runs = await group.Control.ListRunsAsync(new RunQuery { Limit = Workflows + 10 }, CancellationToken.None);
        runs.Count.ShouldBe(Workflows);
        runs.Where(r => r.Status != RunStatus.Completed || r.Output != "15").Select(r => $"{r.RunId} {r.Status} {r.Output} {r.Error}").ShouldBeEmpty();
        effects.Count.ShouldBe(Workflows * Steps);
    }

    private static async Task WaitForCompletedAsync(IWorkflowStore store, long completed)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await store.CountByStatusAsync(timeout.Token)).GetValueOrDefault(RunStatus.Completed) < completed)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, timeout.Token);
        }
    }
}
