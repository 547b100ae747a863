using System.Diagnostics;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Workflows;

/// <summary>
/// A store that passes every call through and observes it: times each operation and reports every committed status
/// change. The benchmarks learn that a run finished from its own commit instead of polling the store per run, and
/// the worker prints what happens to its runs. The inner store's wake-ups (PostgreSQL's LISTEN/NOTIFY) are passed on,
/// so wrapping never slows a worker down.
/// </summary>
internal sealed class ObservedWorkflowStore(IWorkflowStore inner) : DelegatingWorkflowStore(inner)
{
    private StoreCallStats _stats = new();

    /// <summary>Gets the call counts and timings since the store was created or <see cref="ResetStats"/> was called.</summary>
    public StoreCallStats Stats => Volatile.Read(ref _stats);

    /// <summary>Gets or sets what to do after a commit that changed a run's status was written (runs on the committing thread).</summary>
    public Action<RunCommit, CommitResult>? StatusCommitted { get; set; }

    /// <summary>Starts counting afresh (after a warm-up).</summary>
    public void ResetStats() => Volatile.Write(ref _stats, new StoreCallStats());

    public override Task<(RunRecord Run, bool Created)> CreateRunAsync(NewRun run, CancellationToken cancellationToken) =>
        TimeAsync(StoreCall.CreateRun, Stopwatch.GetTimestamp(), InnerStore.CreateRunAsync(run, cancellationToken));

    public override Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        TimeAsync(StoreCall.GetRun, Stopwatch.GetTimestamp(), InnerStore.GetRunAsync(runId, cancellationToken));

    public override Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken) =>
        TimeAsync(StoreCall.ListRuns, Stopwatch.GetTimestamp(), InnerStore.ListRunsAsync(query, cancellationToken));

    public override Task<IReadOnlyDictionary<RunStatus, long>> CountByStatusAsync(CancellationToken cancellationToken) =>
        TimeAsync(StoreCall.CountByStatus, Stopwatch.GetTimestamp(), InnerStore.CountByStatusAsync(cancellationToken));

    public override Task<IReadOnlyList<RunRecord>> ClaimAsync(string workerId, int maxRuns, TimeSpan leaseDuration, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(StoreCall.Claim, Stopwatch.GetTimestamp(), InnerStore.ClaimAsync(workerId, maxRuns, leaseDuration, now, cancellationToken));

    public override Task<CommitStatus> RenewLeaseAsync(string runId, long epoch, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        TimeAsync(StoreCall.RenewLease, Stopwatch.GetTimestamp(), InnerStore.RenewLeaseAsync(runId, epoch, expiresAt, cancellationToken));

    public override Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string runId, CancellationToken cancellationToken) =>
        TimeAsync(StoreCall.GetJournal, Stopwatch.GetTimestamp(), InnerStore.GetJournalAsync(runId, cancellationToken));

    public override Task<IReadOnlyList<InboxEvent>> GetInboxAsync(string runId, CancellationToken cancellationToken) =>
        TimeAsync(StoreCall.GetInbox, Stopwatch.GetTimestamp(), InnerStore.GetInboxAsync(runId, cancellationToken));

    public override async Task<CommitResult> CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var start = Stopwatch.GetTimestamp();
        var result = await InnerStore.CommitAsync(commit, cancellationToken);
        Stats.Record(StoreCall.Commit, start);
        if (result.IsCommitted && commit.Transition is not null)
        {
            StatusCommitted?.Invoke(commit, result);
        }

        return result;
    }

    public override Task<DeliveryStatus> DeliverEventAsync(string runId, string name, string payload, string? dedupeKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(StoreCall.DeliverEvent, Stopwatch.GetTimestamp(), InnerStore.DeliverEventAsync(runId, name, payload, dedupeKey, now, cancellationToken));

    public override Task<CommitStatus> CancelAsync(string runId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(StoreCall.Cancel, Stopwatch.GetTimestamp(), InnerStore.CancelAsync(runId, reason, now, cancellationToken));

    public override Task<CommitStatus> RequeueAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(StoreCall.Requeue, Stopwatch.GetTimestamp(), InnerStore.RequeueAsync(runId, now, cancellationToken));

    public override Task<DateTimeOffset?> NextWakeAtAsync(CancellationToken cancellationToken) =>
        TimeAsync(StoreCall.NextWakeAt, Stopwatch.GetTimestamp(), InnerStore.NextWakeAtAsync(cancellationToken));

    /// <summary>
    /// Records a call once it has succeeded. The caller reads <paramref name="start"/> before it makes the call (C#
    /// evaluates arguments left to right), so the time covers the whole call without a closure per call.
    /// </summary>
    private async Task<T> TimeAsync<T>(StoreCall call, long start, Task<T> pending)
    {
        var result = await pending;
        Stats.Record(call, start);
        return result;
    }
}
