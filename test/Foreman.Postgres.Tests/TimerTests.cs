using System.Collections.Concurrent;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Postgres.Tests;

/// <summary>Durable timers with several workers: each fires once, on one worker, and its run goes on from there.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TimerTests(PostgresCluster cluster)
{
    [Fact]
    public async Task TimersAcrossFourWorkers_EachFiresOnce()
    {
        const int Workflows = 200;
        var fired = new ConcurrentDictionary<int, int>();
        var workflow = new DelegateWorkflow<int, int>("sleeper", async (context, index) =>
        {
            // Spread over a second, so timers come due while the workers are busy with others.
            await context.DelayAsync(TimeSpan.FromMilliseconds(300 + (index % 10 * 70)));
            return await context.StepAsync("after-timer", (_, _) =>
            {
                fired.AddOrUpdate(index, 1, (_, n) => n + 1);
                return Task.FromResult(index);
            });
        });
        await using var group = await WorkerGroup.StartAsync(cluster, cluster.NewSchema(), workers: 4, [workflow], new WorkflowWorkerOptions
        {
            MaxConcurrentRuns = 16,
            PollInterval = TimeSpan.FromMilliseconds(250),
        });
        await Parallel.ForAsync(0, Workflows, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await group.Engine.SubmitAsync("sleeper", i, $"sleeper-{i}", ct));

        await group.WaitUntilAllFinishedAsync(TimeSpan.FromSeconds(60));

        fired.Count.ShouldBe(Workflows);
        fired.Where(f => f.Value != 1).Select(f => f.Key).ShouldBeEmpty();
        var runs = await group.Control.ListRunsAsync(new RunQuery { Limit = Workflows + 10 }, CancellationToken.None);
        runs.Where(r => r.Status != RunStatus.Completed).Select(r => r.RunId).ShouldBeEmpty();

        // Each run was claimed once to start and once when its timer fired: never by two workers for one wake-up.
        runs.Where(r => r.Claims != 2).Select(r => $"{r.RunId} claimed {r.Claims} times").ShouldBeEmpty();
    }
}
