using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Foreman.Cli.Workflows;
using Foreman.Samples.Workflows;
using Foreman.Sqlite;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Bench;

/// <summary>
/// Durable-step throughput: an in-process engine and worker run <c>bench-steps</c> workflows, keeping
/// <see cref="DurableBenchmarkOptions.Concurrency"/> in flight until the requested number completed.
/// </summary>
/// <remarks>
/// A workflow's latency runs from its submission to the moment its completion commit returned. Completion is seen
/// through <see cref="ObservedWorkflowStore"/>, so the driver never polls the store and adds no load of its own.
/// </remarks>
internal static class DurableBenchmark
{
    public static async Task<BenchReport> RunAsync(BenchStore database, DurableBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var expectedOutput = (options.Steps * (options.Steps + 1) / 2).ToString(CultureInfo.InvariantCulture);
        var completions = new ConcurrentDictionary<string, TaskCompletionSource<RunStatus>>(StringComparer.Ordinal);
        var wrongOutputs = 0;
        await using var store = new ObservedWorkflowStore(await database.OpenAsync(cancellationToken));
        store.StatusCommitted = (commit, result) =>
        {
            if (!RunLifecycle.IsTerminal(result.RunStatus) && result.RunStatus is not (RunStatus.DeadLettered or RunStatus.Suspended))
            {
                return;
            }

            if (result.RunStatus == RunStatus.Completed && commit.Transition!.Output != expectedOutput)
            {
                Interlocked.Increment(ref wrongOutputs);
            }

            completions.GetOrAdd(commit.RunId, NewCompletion).TrySetResult(result.RunStatus);
        };

        var engine = new WorkflowEngine(store, [new BenchStepsWorkflow()]);
        var worker = new WorkflowWorker(engine, new WorkflowWorkerOptions { WorkerId = "bench", MaxConcurrentRuns = options.Concurrency, PollInterval = options.PollInterval });
        using var stopWorker = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workerTask = worker.RunAsync(stopWorker.Token);
        try
        {
            if (options.Warmup > 0)
            {
                await DriveAsync(engine, completions, options.Warmup, options, new double[options.Warmup], cancellationToken);
                store.ResetStats();
            }

            var latencies = new double[options.Workflows];
            var cost = ProcessCost.Start();
            var threads = ThreadCpu.Start();
            var started = Stopwatch.GetTimestamp();
            await DriveAsync(engine, completions, options.Workflows, options, latencies, cancellationToken);
            var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var spent = cost.Stop();
            var threadCpu = threads.Stop();
            var calls = store.Stats.Snapshot();

            Array.Sort(latencies);
            var (currentMb, peakMb) = ProcessMemory.Read();
            var totalSteps = (long)options.Workflows * options.Steps;
            return new BenchReport()
                .Add("benchmark", "durable")
                .Add("store", database.Kind)
                .Add("synchronous", database.Synchronous)
                .Add("workflows", options.Workflows)
                .Add("steps", options.Steps)
                .Add("concurrency", options.Concurrency)
                .Add("total_steps", totalSteps)
                .Add("wall_s", wall)
                .Add("steps_per_s", totalSteps / wall)
                .Add("workflows_per_s", options.Workflows / wall)
                .Add("p50_ms", Percentiles.Of(latencies, 50))
                .Add("p99_ms", Percentiles.Of(latencies, 99))
                .Add("max_ms", latencies.Length == 0 ? 0 : latencies[^1])
                .Add("cpu_s", spent.CpuSeconds)
                .Add("cpu_per_step_us", totalSteps == 0 ? 0 : spent.CpuSeconds * 1e6 / totalSteps)
                .Add("alloc_kb_per_step", totalSteps == 0 ? 0 : spent.AllocatedBytes / 1024.0 / totalSteps)
                .Add("gc_collections", spent.Collections)
                .Add("rss_mb", peakMb)
                .Add("rss_kind", "peak_working_set")
                .Add("rss_current_mb", currentMb)
                .Add("warmup_workflows", options.Warmup)
                .Add("wrong_outputs", Volatile.Read(ref wrongOutputs))
                .Add("fresh_db", database.IsFresh)
                .Add("processors", Environment.ProcessorCount)
                .WithStoreCalls(calls)
                .WithThreadCpu(threadCpu);
        }
        finally
        {
            await stopWorker.CancelAsync();
            await workerTask;
        }
    }

    // Each driver loop keeps one workflow in flight: submit, wait for its completion commit, repeat.
    private static async Task DriveAsync(
        WorkflowEngine engine,
        ConcurrentDictionary<string, TaskCompletionSource<RunStatus>> completions,
        int count,
        DurableBenchmarkOptions options,
        double[] latencies,
        CancellationToken cancellationToken)
    {
        var next = -1;
        async Task LoopAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                var (run, _) = await engine.SubmitAsync(BenchStepsWorkflow.WorkflowName, new BenchStepsInput(options.Steps), null, cancellationToken);
                var status = await completions.GetOrAdd(run.RunId, NewCompletion).Task.WaitAsync(cancellationToken);
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                completions.TryRemove(run.RunId, out _);
                if (status != RunStatus.Completed)
                {
                    throw new InvalidOperationException($"Benchmark run {run.RunId} ended {status}, not completed; see 'foreman runs show {run.RunId}'.");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(options.Concurrency, count)).Select(_ => Task.Run(LoopAsync, cancellationToken)));
    }

    private static TaskCompletionSource<RunStatus> NewCompletion(string runId) => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
