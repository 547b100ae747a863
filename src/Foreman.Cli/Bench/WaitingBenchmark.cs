using System.Diagnostics;
using Foreman.Cli.Workflows;
using Foreman.Samples.Workflows;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Bench;

/// <summary>
/// What a waiting run costs a worker: submits <c>bench-approval</c> runs (one step, then a seven-day wait for
/// approval), runs a worker until every one of them waits, forces a full garbage collection and reports the
/// process's resident memory and managed heap. A waiting run lives in the store only, so both stay flat.
/// </summary>
internal static class WaitingBenchmark
{
    private const int SubmitConcurrency = 256;

    public static async Task<BenchReport> RunAsync(BenchDatabase database, WaitingBenchmarkOptions options, TextWriter? progress, CancellationToken cancellationToken)
    {
        await using var store = new ObservedWorkflowStore(await WorkflowStores.OpenAsync(database.Path, options.Synchronous, cancellationToken));
        var engine = new WorkflowEngine(store, [new BenchApprovalWorkflow()]);
        var heapBeforeMb = ProcessMemory.ToMb(GC.GetTotalMemory(forceFullCollection: true));
        var (rssBeforeMb, _) = ProcessMemory.Read();

        // A database the user passed may hold runs already: count only what this benchmark adds.
        var before = await store.CountByStatusAsync(cancellationToken);
        var baseline = before.GetValueOrDefault(RunStatus.Waiting);
        var started = Stopwatch.GetTimestamp();

        var next = -1;
        async Task SubmitLoopAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < options.Runs)
            {
                await engine.SubmitAsync(BenchApprovalWorkflow.WorkflowName, new BenchApprovalInput(index), null, cancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, SubmitConcurrency).Select(_ => Task.Run(SubmitLoopAsync, cancellationToken)));
        var submitSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        progress?.WriteLine($"submitted {options.Runs} runs in {submitSeconds:0.0} s; running the worker until all wait…");

        var worker = new WorkflowWorker(engine, new WorkflowWorkerOptions { WorkerId = "bench", MaxConcurrentRuns = options.Concurrency });
        using var stopWorker = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workerTask = worker.RunAsync(stopWorker.Token);
        try
        {
            var waiting = await WaitUntilAllWaitAsync(store, before, baseline + options.Runs, progress, cancellationToken) - baseline;
            var drainSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds - submitSeconds;

            // The worker is still running (idle): this is the memory of a live worker with every run parked.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var heapMb = ProcessMemory.ToMb(GC.GetTotalMemory(forceFullCollection: true));
            var (rssMb, rssPeakMb) = ProcessMemory.Read();
            return new BenchReport()
                .Add("benchmark", "waiting")
                .Add("store", StoreKindOption.Sqlite)
                .Add("synchronous", options.Synchronous.ToString().ToLowerInvariant())
                .Add("runs", options.Runs)
                .Add("waiting", waiting)
                .Add("concurrency", options.Concurrency)
                .Add("submit_s", submitSeconds)
                .Add("drain_s", drainSeconds)
                .Add("total_s", submitSeconds + drainSeconds)
                .Add("heap_mb", heapMb)
                .Add("heap_before_mb", heapBeforeMb)
                .Add("rss_mb", rssMb)
                .Add("rss_kind", "working_set_after_full_gc")
                .Add("rss_before_mb", rssBeforeMb)
                .Add("rss_peak_mb", rssPeakMb)
                .Add("worker_running_runs", worker.RunningCount)
                .Add("db_mb", database.SizeMb())
                .Add("fresh_db", database.IsFresh)
                .WithStoreCalls(store.Stats.Snapshot());
        }
        finally
        {
            await stopWorker.CancelAsync();
            await workerTask;
        }
    }

    // One count query every 250 ms: cheap against the store, and the figure it gates is seconds long.
    private static async Task<long> WaitUntilAllWaitAsync(IWorkflowStore store, IReadOnlyDictionary<RunStatus, long> before, long target, TextWriter? progress, CancellationToken cancellationToken)
    {
        static long Broken(IReadOnlyDictionary<RunStatus, long> counts) =>
            counts.GetValueOrDefault(RunStatus.Failed) + counts.GetValueOrDefault(RunStatus.DeadLettered) + counts.GetValueOrDefault(RunStatus.Suspended);

        var lastReport = Stopwatch.GetTimestamp();
        while (true)
        {
            var counts = await store.CountByStatusAsync(cancellationToken);
            var waiting = counts.GetValueOrDefault(RunStatus.Waiting);
            if (waiting >= target)
            {
                return waiting;
            }

            var broken = Broken(counts) - Broken(before);
            if (broken > 0)
            {
                throw new InvalidOperationException($"{broken} benchmark run(s) failed instead of waiting; see 'foreman dlq list' and 'foreman runs list --status failed'.");
            }

            if (progress is not null && Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(5))
            {
                progress.WriteLine($"  {waiting} waiting, {counts.GetValueOrDefault(RunStatus.Pending)} pending, {counts.GetValueOrDefault(RunStatus.Running)} running");
                lastReport = Stopwatch.GetTimestamp();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System, cancellationToken);
        }
    }
}
