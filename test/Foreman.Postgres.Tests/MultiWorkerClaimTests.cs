using System.Collections.Concurrent;
using System.Diagnostics;
using Foreman.Workflows;
using Foreman.Workflows.Storage;
using Xunit.Abstractions;

namespace Foreman.Postgres.Tests;

/// <summary>Several worker nodes draining one queue: each run is claimed and executed by exactly one of them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MultiWorkerClaimTests(PostgresCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task EightWorkers_TenThousandQueuedRuns_EachRunsExactlyOnce()
    {
        const int Runs = 10_000;
        var executions = new ConcurrentDictionary<int, int>();
        var workflow = new DelegateWorkflow<int, int>("count", (context, index) =>
        {
            executions.AddOrUpdate(index, 1, (_, n) => n + 1);
            return Task.FromResult(index);
        });
        var schema = cluster.NewSchema();

        // Queue everything first, so the workers start on a full queue and compete for every run.
        await using (var submitter = await WorkerGroup.OpenAsync(cluster, schema))
        {
            var engine = new WorkflowEngine(submitter, [workflow]);
            await Parallel.ForAsync(0, Runs, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
                await engine.SubmitAsync("count", i, $"count-{i}", ct));
        }

        var clock = Stopwatch.StartNew();
        await using var group = await WorkerGroup.StartAsync(cluster, schema, workers: 8, [workflow], new WorkflowWorkerOptions { MaxConcurrentRuns = 8, PollInterval = TimeSpan.FromMilliseconds(500) });
        await group.WaitUntilAllFinishedAsync(TimeSpan.FromSeconds(150));
        output.WriteLine($"8 workers executed {Runs} runs in {clock.Elapsed.TotalSeconds:0.0} s");

        executions.Count.ShouldBe(Runs);
        executions.Where(e => e.Value != 1).Select(e => e.Key).ShouldBeEmpty();
        var counts = await group.Control.CountByStatusAsync(CancellationToken.None);
        counts.GetValueOrDefault(RunStatus.Completed).ShouldBe(Runs);
        string? before = null;
        while (true)
        {
            var page = await group.Control.ListRunsAsync(new RunQuery { Limit = 1000, Before = before }, CancellationToken.None);
            if (page.Count == 0)
            {
                break;
            }

            page.Where(r => r.Claims != 1 || r.Epoch != 1).Select(r => r.RunId).ShouldBeEmpty();
            before = page[^1].RunId;
        }
    }
}
