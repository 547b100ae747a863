using System.Diagnostics;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Workflows;

/// <summary>
/// A store that passes every call through and observes it: times each operation and reports every committed status
/// change. The benchmarks learn that a run finished from its own commit instead of polling the store per run, and
/// the worker prints what happens to its runs.
/// </summary>
internal sealed class ObservedWorkflowStore(IWorkflowStore inner) : IWorkflowStore, IWorkflowWakeSignal
{
    /// <summary>Passes the inner store's wake-ups on (PostgreSQL's LISTEN/NOTIFY), so wrapping never slows a worker down.</summary>
    public IDisposable Subscribe(Action wake) => inner is IWorkflowWakeSignal signal ? signal.Subscribe(wake) : NoSignal.Instance;

    private StoreCallStats _stats = new();

    /// <summary>Gets the call counts and timings since the store was created or <see cref="ResetStats"/> was called.</summary>
    public StoreCallStats Stats => Volatile.Read(ref _stats);

    /// <summary>Gets or sets what to do after a commit that changed a run's status was written (runs on the committing thread).</summary>
    public Action<RunCommit, CommitResult>? StatusCommitted { get; set; }

    /// <summary>Starts counting afresh (after a warm-up).</summary>
    public void ResetStats() => Volatile.Write(ref _stats, new StoreCallStats());

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public async Task<(RunRecord Run, bool Created)> CreateRunAsync(NewRun run, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.CreateRunAsync(run, cancellationToken);
        Stats.Record(StoreCall.CreateRun, start);
        return result;
    }

    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.GetRunAsync(runId, cancellationToken);
        Stats.Record(StoreCall.GetRun, start);
        return result;
    }

    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.ListRunsAsync(query, cancellationToken);
        Stats.Record(StoreCall.ListRuns, start);
        return result;
    }

    public async Task<IReadOnlyDictionary<RunStatus, long>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.CountByStatusAsync(cancellationToken);
        Stats.Record(StoreCall.CountByStatus, start);
        return result;
    }

    public async Task<IReadOnlyList<RunRecord>> ClaimAsync(string workerId, int maxRuns, TimeSpan leaseDuration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.ClaimAsync(workerId, maxRuns, leaseDuration, now, cancellationToken);
        Stats.Record(StoreCall.Claim, start);
        return result;
    }

    public async Task<CommitStatus> RenewLeaseAsync(string runId, long epoch, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.RenewLeaseAsync(runId, epoch, expiresAt, cancellationToken);
        Stats.Record(StoreCall.RenewLease, start);
        return result;
    }

    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string runId, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.GetJournalAsync(runId, cancellationToken);
        Stats.Record(StoreCall.GetJournal, start);
        return result;
    }

    public async Task<IReadOnlyList<InboxEvent>> GetInboxAsync(string runId, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.GetInboxAsync(runId, cancellationToken);
        Stats.Record(StoreCall.GetInbox, start);
        return result;
    }

    public async Task<CommitResult> CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var start = Stopwatch.GetTimestamp();
        var result = await inner.CommitAsync(commit, cancellationToken);
        Stats.Record(StoreCall.Commit, start);
        if (result.IsCommitted && commit.Transition is not null)
        {
            StatusCommitted?.Invoke(commit, result);
        }

        return result;
    }

    public async Task<DeliveryStatus> DeliverEventAsync(string runId, string name, string payload, string? dedupeKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.DeliverEventAsync(runId, name, payload, dedupeKey, now, cancellationToken);
        Stats.Record(StoreCall.DeliverEvent, start);
        return result;
    }

    public async Task<CommitStatus> CancelAsync(string runId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.CancelAsync(runId, reason, now, cancellationToken);
        Stats.Record(StoreCall.Cancel, start);
        return result;
    }

    public async Task<CommitStatus> RequeueAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.RequeueAsync(runId, now, cancellationToken);
        Stats.Record(StoreCall.Requeue, start);
        return result;
    }

    public async Task<DateTimeOffset?> NextWakeAtAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.NextWakeAtAsync(cancellationToken);
        Stats.Record(StoreCall.NextWakeAt, start);
        return result;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class NoSignal : IDisposable
    {
        public static readonly NoSignal Instance = new();

        public void Dispose()
        {
        }
    }
}
