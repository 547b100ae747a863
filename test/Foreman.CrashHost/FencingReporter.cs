using Foreman.Workflows.Storage;

namespace Foreman.CrashHost;

/// <summary>
/// Passes every call to the store and prints <c>fenced RUN commit|renew</c> when the store refuses a write for a stale
/// epoch, so a test that paused this process can see its late writes being refused.
/// </summary>
/// <param name="inner">The store.</param>
public sealed class FencingReporter(IWorkflowStore inner) : IWorkflowStore, IWorkflowWakeSignal
{
    /// <inheritdoc />
    public async Task<CommitResult> CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var result = await inner.CommitAsync(commit, cancellationToken);
        Report(result.Status, commit.RunId, "commit");
        return result;
    }

    /// <inheritdoc />
    public async Task<CommitStatus> RenewLeaseAsync(string runId, long epoch, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var status = await inner.RenewLeaseAsync(runId, epoch, expiresAt, cancellationToken);
        Report(status, runId, "renew");
        return status;
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Action wake) => inner is IWorkflowWakeSignal signal ? signal.Subscribe(wake) : new Nothing();

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task<(RunRecord Run, bool Created)> CreateRunAsync(NewRun run, CancellationToken cancellationToken) => inner.CreateRunAsync(run, cancellationToken);

    /// <inheritdoc />
    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken) => inner.GetRunAsync(runId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken) => inner.ListRunsAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<RunStatus, long>> CountByStatusAsync(CancellationToken cancellationToken) => inner.CountByStatusAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ClaimAsync(string workerId, int maxRuns, TimeSpan leaseDuration, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.ClaimAsync(workerId, maxRuns, leaseDuration, now, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string runId, CancellationToken cancellationToken) => inner.GetJournalAsync(runId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<InboxEvent>> GetInboxAsync(string runId, CancellationToken cancellationToken) => inner.GetInboxAsync(runId, cancellationToken);

    /// <inheritdoc />
    public Task<DeliveryStatus> DeliverEventAsync(string runId, string name, string payload, string? dedupeKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.DeliverEventAsync(runId, name, payload, dedupeKey, now, cancellationToken);

    /// <inheritdoc />
    public Task<CommitStatus> CancelAsync(string runId, string reason, DateTimeOffset now, CancellationToken cancellationToken) => inner.CancelAsync(runId, reason, now, cancellationToken);

    /// <inheritdoc />
    public Task<CommitStatus> RequeueAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken) => inner.RequeueAsync(runId, now, cancellationToken);

    /// <inheritdoc />
    public Task<DateTimeOffset?> NextWakeAtAsync(CancellationToken cancellationToken) => inner.NextWakeAtAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private static void Report(CommitStatus status, string runId, string what)
    {
        if (status == CommitStatus.Fenced)
        {
            Console.Out.WriteLine($"fenced {runId} {what}");
            Console.Out.Flush();
        }
    }

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
