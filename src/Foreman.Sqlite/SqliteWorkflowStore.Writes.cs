using Foreman.Workflows.Storage;

namespace Foreman.Sqlite;

/// <summary>Writes: each is queued for the group-commit writer and returns once its batch is durable.</summary>
public sealed partial class SqliteWorkflowStore
{
    /// <inheritdoc />
    /// <remarks>A run whose id exists (without the same idempotency key) is refused with <see cref="InvalidOperationException"/>.</remarks>
    public Task<(RunRecord Run, bool Created)> CreateRunAsync(NewRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(run.RunId, nameof(run));
        ArgumentException.ThrowIfNullOrEmpty(run.Workflow, nameof(run));
        ArgumentNullException.ThrowIfNull(run.Input, nameof(run));
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<(RunRecord, bool)>(cancellationToken)
            : Enqueue(new CreateRunOperation(run, cancellationToken));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ClaimAsync(string workerId, int maxRuns, TimeSpan leaseDuration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRuns);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<RunRecord>>(cancellationToken);
        }

        if (maxRuns == 0)
        {
            ThrowIfNotReady();
            return Task.FromResult<IReadOnlyList<RunRecord>>([]);
        }

        return Enqueue(new ClaimOperation(workerId, maxRuns, leaseDuration, now, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>Only a running run's current epoch holds a lease; renewing any other is <see cref="CommitStatus.Fenced"/>.</remarks>
    public Task<CommitStatus> RenewLeaseAsync(string runId, long epoch, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<CommitStatus>(cancellationToken)
            : Enqueue(new RenewLeaseOperation(runId, epoch, expiresAt, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Only a running run accepts commits (its current epoch); a commit to a run in any other status is
    /// <see cref="CommitStatus.InvalidTransition"/>. Consumed events leave the inbox but are kept hidden, so their
    /// dedupe keys go on refusing redeliveries.
    /// </remarks>
    public Task<CommitResult> CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentException.ThrowIfNullOrEmpty(commit.RunId, nameof(commit));
        foreach (var entry in commit.Entries)
        {
            if (!string.Equals(entry.RunId, commit.RunId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Journal entry {entry.Sequence} belongs to run '{entry.RunId}', not to the committed run '{commit.RunId}'.", nameof(commit));
            }

            if (entry.Sequence < 1)
            {
                throw new ArgumentException($"Journal sequences start at 1; got {entry.Sequence}.", nameof(commit));
            }
        }

        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<CommitResult>(cancellationToken)
            : Enqueue(new CommitOperation(commit, cancellationToken));
    }

    /// <inheritdoc />
    public Task<DeliveryStatus> DeliverEventAsync(string runId, string name, string payload, string? dedupeKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(payload);
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<DeliveryStatus>(cancellationToken)
            : Enqueue(new DeliverEventOperation(runId, name, payload, dedupeKey, now, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>The reason is stored as the run's error: <c>{"kind":"cancelled","message":reason}</c>.</remarks>
    public Task<CommitStatus> CancelAsync(string runId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(reason);
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<CommitStatus>(cancellationToken)
            : Enqueue(new CancelOperation(runId, reason, now, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>The run's error is cleared; its epoch is unchanged until a worker claims it.</remarks>
    public Task<CommitStatus> RequeueAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<CommitStatus>(cancellationToken)
            : Enqueue(new RequeueOperation(runId, now, cancellationToken));
    }
}
