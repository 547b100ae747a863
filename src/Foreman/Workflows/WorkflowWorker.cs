using System.Globalization;

namespace Foreman.Workflows;

/// <summary>
/// Claims ready runs from the store and executes them, up to a concurrency limit. Sleeps until new work is
/// signalled, the next timer is due, or the poll interval passes. Start with <see cref="RunAsync"/>; stop by
/// cancelling its token (runs in flight release their leases by expiry and resume elsewhere).
/// </summary>
public sealed class WorkflowWorker
{
    private readonly WorkflowEngine _engine;
    private readonly string _workerId;
    private readonly int _maxConcurrent;
    private readonly TimeSpan _lease;
    private readonly TimeSpan _poll;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private int _running;

    /// <summary>Creates a worker.</summary>
    /// <param name="engine">The engine whose runs it executes.</param>
    /// <param name="options">Options; copied.</param>
    public WorkflowWorker(WorkflowEngine engine, WorkflowWorkerOptions? options = null)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        var o = options ?? new WorkflowWorkerOptions();
        if (o.MaxConcurrentRuns < 1 || o.LeaseDuration <= TimeSpan.Zero || o.PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("MaxConcurrentRuns must be positive, LeaseDuration and PollInterval positive.", nameof(options));
        }

        _workerId = o.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Random.Shared.Next():x8}";
        _maxConcurrent = o.MaxConcurrentRuns;
        _lease = o.LeaseDuration;
        _poll = o.PollInterval;
    }

    /// <summary>Gets the worker's id.</summary>
    public string WorkerId => _workerId;

    /// <summary>Gets the number of runs executing now.</summary>
    public int RunningCount => Volatile.Read(ref _running);

    /// <summary>Runs the worker until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <returns>A task that completes when the worker and its runs have stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var inFlight = new HashSet<Task>();
        void Wake() => Pulse();
        _engine.Subscribe(Wake);

        // Stores shared by several processes may tell us that another process made runs ready (PostgreSQL's
        // LISTEN/NOTIFY); polling stays as the fallback for lost signals, expired leases and timers.
        using var signal = (_engine.Store as Storage.IWorkflowWakeSignal)?.Subscribe(Wake);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                inFlight.RemoveWhere(t => t.IsCompleted);

                // Free slots come from the running count, not from the tasks: a run signals its end (Pulse) just before
                // its task completes, and a wake-up handled in that gap must already see the slot free, or it is lost
                // and the worker sleeps a whole poll interval with work waiting.
                var free = _maxConcurrent - RunningCount;
                var claimed = free > 0 ? await ClaimAsync(free, cancellationToken) : [];
                foreach (var run in claimed)
                {
                    Interlocked.Increment(ref _running);
                    inFlight.Add(ExecuteAsync(run, cancellationToken));
                }

                if (claimed.Count == 0 || RunningCount >= _maxConcurrent)
                {
                    await SleepAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _engine.Unsubscribe(Wake);
            await Task.WhenAll(inFlight);
        }
    }

    private async Task<IReadOnlyList<Storage.RunRecord>> ClaimAsync(int free, CancellationToken cancellationToken)
    {
        try
        {
            return await _engine.Store.ClaimAsync(_workerId, free, _lease, _engine.TimeProvider.GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A store hiccup (locked file, dropped connection) must not kill the worker: back off and try again.
            WorkflowLog.ClaimFailed(_engine.Logger, _workerId, ex);
            await Task.Delay(_poll, _engine.TimeProvider, cancellationToken);
            return [];
        }
    }

    private async Task<DateTimeOffset?> NextWakeAtAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _engine.Store.NextWakeAtAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Like a failed claim: the store is unreachable for now (a database restart); sleep a poll interval.
            WorkflowLog.ClaimFailed(_engine.Logger, _workerId, ex);
            return null;
        }
    }

    private async Task ExecuteAsync(Storage.RunRecord run, CancellationToken cancellationToken)
    {
        try
        {
            await RunExecutor.ExecuteAsync(_engine, run, _lease, cancellationToken);
        }
#pragma warning disable CA1031 // One run's unexpected failure must not stop the worker; the run's lease expires and it is retried.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WorkflowLog.ExecutionFailed(_engine.Logger, _workerId, run.RunId, ex);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            Pulse();
        }
    }

    private async Task SleepAsync(CancellationToken cancellationToken)
    {
        var delay = _poll;
        if (RunningCount < _maxConcurrent)
        {
            var next = await NextWakeAtAsync(cancellationToken);
            if (next is { } due)
            {
                var untilDue = due - _engine.TimeProvider.GetUtcNow();
                delay = untilDue <= TimeSpan.Zero ? TimeSpan.Zero : (untilDue < delay ? untilDue : delay);
            }
        }

        if (delay == TimeSpan.Zero)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(delay, _engine.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _wake.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The sleep ran out: poll.
        }
    }

    // Coalesces wake-ups: one pending release is enough to make the loop look again.
    private void Pulse()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"worker {_workerId} ({RunningCount} running)");
}
