using System.Collections.Concurrent;
using System.Diagnostics;
using Foreman.Agents;
using Foreman.Cli.Workflows;
using Foreman.Models;
using Foreman.Samples.Pipelines;
using Foreman.Samples.Workflows;
using Foreman.Sqlite;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Demo;

/// <summary>
/// Runs the sample pipelines over their generated datasets through the durable engine (a real SQLite store and
/// worker), then scores every output against the ground truth. Escalations are handed to the review queue in the
/// same database and left pending there.
/// </summary>
internal static class DemoRunner
{
    private static readonly RunStatus[] Terminal = [RunStatus.Completed, RunStatus.Failed, RunStatus.DeadLettered, RunStatus.Suspended, RunStatus.Cancelled];

    public static async Task<IReadOnlyList<DemoPipelineReport>> RunAsync(
        string databasePath,
        ModelRouter router,
        DemoOptions options,
        Action<SamplePipeline, int, int> progress,
        CancellationToken cancellationToken)
    {
        var finished = new ConcurrentDictionary<string, RunStatus>(StringComparer.Ordinal);
        var signal = new SemaphoreSlim(0);
        await using var store = new ObservedWorkflowStore(await WorkflowStores.OpenAsync(databasePath, SqliteSynchronousMode.Normal, cancellationToken));
        store.StatusCommitted = (commit, result) =>
        {
            if (Terminal.Contains(result.RunStatus))
            {
                finished[commit.RunId] = result.RunStatus;
                signal.Release();
            }
        };

        var reviews = new SqliteReviewStore(new SqliteReviewStoreOptions { DatabasePath = databasePath });
        await reviews.InitializeAsync(cancellationToken);
        using var runtime = new AgentRuntime(router);
        var engine = new WorkflowEngine(store, SampleWorkflows.Create(runtime, new InMemoryInvoiceLedger(), reviews));
        var worker = new WorkflowWorker(engine, new WorkflowWorkerOptions
        {
            MaxConcurrentRuns = options.Concurrency,
            LeaseDuration = TimeSpan.FromMinutes(2),
            PollInterval = TimeSpan.FromMilliseconds(250),
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = worker.RunAsync(stop.Token);
        var reports = new List<DemoPipelineReport>();
        try
        {
            foreach (var name in options.Pipelines)
            {
                var pipeline = SamplePipelines.Find(name) ?? throw new ArgumentException($"There is no sample pipeline named '{name}'.", nameof(options));
                reports.Add(await RunPipelineAsync(engine, pipeline, options, finished, signal, progress, router.Catalog.Currency, cancellationToken));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }

        return reports;
    }

    private static async Task<DemoPipelineReport> RunPipelineAsync(
        WorkflowEngine engine,
        SamplePipeline pipeline,
        DemoOptions options,
        ConcurrentDictionary<string, RunStatus> finished,
        SemaphoreSlim signal,
        Action<SamplePipeline, int, int> progress,
        string currency,
        CancellationToken cancellationToken)
    {
        var items = pipeline.Generate(options.Count ?? pipeline.DefaultCount, options.Seed);
        var started = Stopwatch.GetTimestamp();
        var runs = new List<(PipelineItem Item, string RunId)>(items.Count);
        foreach (var item in items)
        {
            // The idempotency key makes a rerun on the same --db find the runs it already made.
            var (run, _) = await engine.SubmitAsync(pipeline.Name, item.Input, $"demo:{pipeline.Name}:{options.Seed}:{item.Id}", cancellationToken);
            if (Terminal.Contains(run.Status))
            {
                finished[run.RunId] = run.Status;
            }

            runs.Add((item, run.RunId));
        }

        progress(pipeline, 0, runs.Count);
        var done = 0;
        var quiet = 0;
        while (done < runs.Count)
        {
            // Woken by each run that finishes (its status commit); the timeout lets progress catch up.
            await signal.WaitAsync(TimeSpan.FromMilliseconds(200), cancellationToken);
            var now = runs.Count(r => finished.ContainsKey(r.RunId));
            quiet = now == done ? quiet + 1 : 0;
            if (quiet >= 25)
            {
                // Nothing finished for five seconds: ask the store, in case a run finished unseen (another worker).
                await RefreshAsync(engine, runs.Where(r => !finished.ContainsKey(r.RunId)).Select(r => r.RunId), finished, cancellationToken);
                quiet = 0;
            }

            if (now != done)
            {
                done = now;
                progress(pipeline, done, runs.Count);
            }
        }

        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var scores = new List<PipelineScore>(runs.Count);
        var failed = 0;
        foreach (var (item, runId) in runs)
        {
            var run = await engine.GetRunAsync(runId, cancellationToken);
            if (run is { Status: RunStatus.Completed, Output: { } output })
            {
                scores.Add(pipeline.Score(item, output));
            }
            else
            {
                failed++;
            }
        }

        return DemoScoring.Summarize(pipeline, scores, failed, currency, wall);
    }

    private static async Task RefreshAsync(WorkflowEngine engine, IEnumerable<string> runIds, ConcurrentDictionary<string, RunStatus> finished, CancellationToken cancellationToken)
    {
        foreach (var runId in runIds)
        {
            if (await engine.GetRunAsync(runId, cancellationToken) is { } run && Terminal.Contains(run.Status))
            {
                finished[runId] = run.Status;
            }
        }
    }
}
