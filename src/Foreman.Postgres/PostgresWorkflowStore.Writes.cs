using Foreman.Workflows.Storage;
using Npgsql;

namespace Foreman.Postgres;

/// <summary>Writes: one round trip each; the checks run in the same transaction, under the run's row lock.</summary>
public sealed partial class PostgresWorkflowStore
{
    private static readonly string[] CancellableStatuses = [.. Enum.GetValues<RunStatus>().Where(s => RunLifecycle.CanTransition(s, RunStatus.Cancelled)).Select(StoredFormats.Status)];

    /// <inheritdoc />
    /// <remarks>A run whose id exists (without the same idempotency key) is refused with <see cref="InvalidOperationException"/>.</remarks>
    public async Task<(RunRecord Run, bool Created)> CreateRunAsync(NewRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(run.RunId, nameof(run));
        ArgumentException.ThrowIfNullOrEmpty(run.Workflow, nameof(run));
        ArgumentNullException.ThrowIfNull(run.Input, nameof(run));
        cancellationToken.ThrowIfCancellationRequested();
        var createdAt = StoredFormats.Time(run.CreatedAt);
        await using (var insert = Command(_sql.CreateRun).With(run.RunId).With(run.Workflow).With(run.Input).With(run.IdempotencyKey).With(run.ParentRunId).With(createdAt))
        {
            if (await _dataSource.ExecutePreparedScalarAsync(insert, cancellationToken) is true)
            {
                return (StoredRows.Created(run, StoredFormats.ParseTime(createdAt)), true);
            }
        }

        // A conflict: the idempotency key names the run to return; otherwise the id was taken.
        if (run.IdempotencyKey is { } key)
        {
            await using var find = Command(_sql.FindRunByKey).With(key);
            await using var row = await _dataSource.ExecutePreparedReaderAsync(find, cancellationToken);
            if (await row.ReadAsync(cancellationToken))
            {
                return (PostgresRows.ReadRun(row), false);
            }
        }

        throw new InvalidOperationException($"A run with id '{run.RunId}' already exists; run ids must be unique.");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunRecord>> ClaimAsync(string workerId, int maxRuns, TimeSpan leaseDuration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRuns);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfNotReady();
        if (maxRuns == 0)
        {
            return [];
        }

        var at = StoredFormats.Time(now);
        await using var command = Command(_sql.Claim).With(at).With(maxRuns).With(workerId).With(StoredFormats.Time(now + leaseDuration));
        var claimed = new List<(long Due, RunRecord Run)>();
        await using (var row = await _dataSource.ExecutePreparedReaderAsync(command, cancellationToken))
        {
            while (await row.ReadAsync(cancellationToken))
            {
                claimed.Add((row.GetInt64(StoredRows.RunColumnCount), PostgresRows.ReadRun(row)));
            }
        }

        // RETURNING has no order: oldest due first, as the contract promises.
        claimed.Sort(static (a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : string.CompareOrdinal(a.Run.RunId, b.Run.RunId));
        return [.. claimed.Select(c => c.Run)];
    }

    /// <inheritdoc />
    /// <remarks>Only a running run's current epoch holds a lease; renewing any other is <see cref="CommitStatus.Fenced"/>.</remarks>
    public async Task<CommitStatus> RenewLeaseAsync(string runId, long epoch, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        cancellationToken.ThrowIfCancellationRequested();
        await using var command = Command(_sql.RenewLease).With(runId).With(epoch).With(StoredFormats.Time(expiresAt));
        return (CommitStatus)Convert.ToInt32(await _dataSource.ExecutePreparedScalarAsync(command, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Only a running run accepts commits (its current epoch); a commit to a run in any other status is
    /// <see cref="CommitStatus.InvalidTransition"/>. Consumed events leave the inbox but are kept hidden, so their
    /// dedupe keys go on refusing redeliveries.
    /// </remarks>
    public async Task<CommitResult> CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentException.ThrowIfNullOrEmpty(commit.RunId, nameof(commit));
        var entries = commit.Entries;
        foreach (var entry in entries)
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

        cancellationToken.ThrowIfCancellationRequested();
        if (commit.Transition is null && entries.Count == 1 && commit.ConsumedEvents.Count == 0)
        {
            // A step commit, most of a run's writes: one call of commit_step, grouped with concurrent ones.
            ThrowIfNotReady();
            if (_steps is not null)
            {
                return await _steps.CommitAsync(commit, cancellationToken);
            }
        }

        var command = Command(_sql.Commit);
        if (commit.Transition is null && entries.Count == 1 && commit.ConsumedEvents.Count == 0)
        {
            // Group commit is off (MaxBatchSize 1): the step commit goes out on its own connection at once.
            command.CommandText = _sql.CommitStep;
            PostgresStepCommitter.AddParameters(command.Parameters, commit);
        }
        else
        {
            AddCommitParameters(command, commit);
        }
        await using var disposeCommand = command;
        await using var row = await _dataSource.ExecutePreparedReaderAsync(command, cancellationToken);
        await row.ReadAsync(cancellationToken);
        return new CommitResult((CommitStatus)row.GetInt32(0), row.GetInt64(1), StoredFormats.ParseStatus(row.GetString(2)));
    }

    /// <inheritdoc />
    public async Task<DeliveryStatus> DeliverEventAsync(string runId, string name, string payload, string? dedupeKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(payload);
        cancellationToken.ThrowIfCancellationRequested();
        await using var command = Command(_sql.Deliver).With(runId).With(name).With(payload).With(dedupeKey).With(StoredFormats.Time(now));
        return (DeliveryStatus)Convert.ToInt32(await _dataSource.ExecutePreparedScalarAsync(command, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    /// <remarks>The reason is stored as the run's error: <c>{"kind":"cancelled","message":reason}</c>.</remarks>
    public async Task<CommitStatus> CancelAsync(string runId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(reason);
        cancellationToken.ThrowIfCancellationRequested();
        var error = StoredFormats.CancelledError(reason);
        await using var command = Command(_sql.Cancel)
            .With(runId)
            .With(CancellableStatuses)
            .With(error)
            .With(StoredFormats.ChildEvent(RunStatus.Cancelled, output: null, error))
            .With(StoredFormats.Time(now));
        return (CommitStatus)Convert.ToInt32(await _dataSource.ExecutePreparedScalarAsync(command, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    /// <remarks>The run's error is cleared; its epoch is unchanged until a worker claims it.</remarks>
    public async Task<CommitStatus> RequeueAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        cancellationToken.ThrowIfCancellationRequested();
        await using var command = Command(_sql.Requeue).With(runId).With(StoredFormats.Time(now));
        return (CommitStatus)Convert.ToInt32(await _dataSource.ExecutePreparedScalarAsync(command, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The 21 arguments of <c>commit_run</c>: the run, the transition, and the entries as parallel arrays.</summary>
    private static void AddCommitParameters(NpgsqlCommand command, RunCommit commit)
    {
        var transition = commit.Transition;
        var target = transition?.To ?? RunStatus.Running;
        var childEvent = RunLifecycle.IsTerminal(target) || target == RunStatus.DeadLettered
            ? StoredFormats.ChildEvent(target, transition?.Output, transition?.Error)
            : null;
        command
            .With(commit.RunId)
            .With(commit.Epoch)
            .With(StoredFormats.Time(commit.At))
            .With(commit.BusinessState)
            .With(StoredFormats.Status(target))
            .With(RunLifecycle.CanTransition(RunStatus.Running, target))
            .With(transition?.WakeAt is { } wake ? StoredFormats.Time(wake) : null)
            .With([.. transition?.WaitingFor ?? []])
            .With(transition?.Output)
            .With(transition?.Error)
            .With(childEvent);

        var entries = commit.Entries;
        var count = entries.Count;
        var sequences = new int[count];
        var keys = new string?[count];
        var kinds = new string?[count];
        var names = new string?[count];
        var states = new string?[count];
        var payloads = new string?[count];
        var attempts = new int[count];
        var dues = new long?[count];
        var recorded = new long[count];
        for (var i = 0; i < count; i++)
        {
            var entry = entries[i];
            sequences[i] = entry.Sequence;
            keys[i] = entry.Key;
            kinds[i] = StoredFormats.Kind(entry.Kind);
            names[i] = entry.Name;
            states[i] = StoredFormats.State(entry.State);
            payloads[i] = entry.Payload;
            attempts[i] = entry.Attempts;
            dues[i] = entry.DueAt is { } due ? StoredFormats.Time(due) : null;
            recorded[i] = StoredFormats.Time(entry.RecordedAt);
        }

        command.With(sequences).With(keys).With(kinds).With(names).With(states).With(payloads).With(attempts).With(dues).With(recorded)
            .With([.. commit.ConsumedEvents]);
    }
}
