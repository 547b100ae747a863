using Foreman.Workflows.Storage;

namespace Foreman.Workflows.Tests;

/// <summary>A store that fails chosen calls the way a dropped database connection does, then behaves again.</summary>
internal sealed class FlakyStore(IWorkflowStore inner) : IWorkflowStore
{
    private int _commitFailures;
    private int _nextWakeFailures;

    /// <summary>Makes the next <paramref name="count"/> commits carrying a journal entry throw without writing.</summary>
    public void FailStepCommits(int count) => Volatile.Write(ref _commitFailures, count);

    /// <summary>Makes the next <paramref name="count"/> <see cref="NextWakeAtAsync"/> calls throw.</summary>
    public void FailNextWakeAt(int count) => Volatile.Write(ref _nextWakeFailures, count);

    public Task<CommitResult> CommitAsync(RunCommit commit, CancellationToken cancellationToken) =>
        commit.Transition is null && Interlocked.Decrement(ref _commitFailures) >= 0
            ? throw new IOException("connection reset by peer")
            : inner.CommitAsync(commit, cancellationToken);

    public Task<DateTimeOffset?> NextWakeAtAsync(CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref _nextWakeFailures) >= 0
            ? throw new IOException("connection refused")
            : inner.NextWakeAtAsync(cancellationToken);

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<(RunRecord Run, bool Created)> CreateRunAsync(NewRun run, CancellationToken cancellationToken) => inner.CreateRunAsync(run, cancellationToken);

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken) => inner.GetRunAsync(runId, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken) => inner.ListRunsAsync(query, cancellationToken);

    public Task<IReadOnlyDictionary<RunStatus, long>> CountByStatusAsync(CancellationToken cancellationToken) => inner.CountByStatusAsync(cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ClaimAsync(string workerId, int maxRuns, TimeSpan leaseDuration, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.ClaimAsync(workerId, maxRuns, leaseDuration, now, cancellationToken);

    public Task<CommitStatus> RenewLeaseAsync(string runId, long epoch, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        inner.RenewLeaseAsync(runId, epoch, expiresAt, cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string runId, CancellationToken cancellationToken) => inner.GetJournalAsync(runId, cancellationToken);

    public Task<IReadOnlyList<InboxEvent>> GetInboxAsync(string runId, CancellationToken cancellationToken) => inner.GetInboxAsync(runId, cancellationToken);

    public Task<DeliveryStatus> DeliverEventAsync(string runId, string name, string payload, string? dedupeKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.DeliverEventAsync(runId, name, payload, dedupeKey, now, cancellationToken);

    public Task<CommitStatus> CancelAsync(string runId, string reason, DateTimeOffset now, CancellationToken cancellationToken) => inner.CancelAsync(runId, reason, now, cancellationToken);

    public Task<CommitStatus> RequeueAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken) => inner.RequeueAsync(runId, now, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
