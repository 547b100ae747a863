using Foreman.Workflows.Storage;

namespace Foreman.Sqlite;

/// <summary>Statements on the runs table.</summary>
internal sealed partial class WriterSession
{
    private PreparedStatement? _findRun;
    private PreparedStatement? _findRunByKey;
    private PreparedStatement? _insertRun;
    private PreparedStatement? _claimCandidates;
    private PreparedStatement? _claimRun;
    private PreparedStatement? _renewLease;
    private PreparedStatement? _touchRun;
    private PreparedStatement? _setStatus;
    private PreparedStatement? _cancelRun;

    /// <summary>Reads what validation needs of a run.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>Its state, or <see langword="null"/> when there is no such run.</returns>
    public RunState? FindRun(string runId)
    {
        _findRun ??= Prepare("SELECT status, epoch, version, parent_run_id FROM runs WHERE run_id = $id", "$id");
        using var row = _findRun.Bind("$id", runId).Query();
        return row.Read()
            ? new RunState(StoredFormats.ParseStatus(row.GetString(0)), row.GetInt64(1), row.GetInt64(2), StoredRows.NullableString(row, 3))
            : null;
    }

    public RunRecord? FindRunByIdempotencyKey(string key)
    {
        _findRunByKey ??= Prepare($"SELECT {StoredRows.RunColumns} FROM runs WHERE idempotency_key = $key", "$key");
        using var row = _findRunByKey.Bind("$key", key).Query();
        return row.Read() ? StoredRows.ReadRun(row, StoredRows.WaitingForFromJson) : null;
    }

    /// <summary>Inserts a pending run at version 1, epoch 0.</summary>
    /// <param name="run">The run.</param>
    /// <returns><see langword="false"/> when a run with that id (or idempotency key) exists.</returns>
    public bool InsertRun(NewRun run)
    {
        _insertRun ??= Prepare(
            """
            INSERT INTO runs (run_id, workflow, input, status, version, epoch, idempotency_key, parent_run_id, claims, created_at, updated_at, due_at)
            VALUES ($id, $workflow, $input, 'pending', 1, 0, $key, $parent, 0, $created, $created, $created)
            ON CONFLICT DO NOTHING
            """,
            "$id", "$workflow", "$input", "$key", "$parent", "$created");
        return _insertRun
            .Bind("$id", run.RunId)
            .Bind("$workflow", run.Workflow)
            .Bind("$input", run.Input)
            .Bind("$key", run.IdempotencyKey)
            .Bind("$parent", run.ParentRunId)
            .Bind("$created", StoredFormats.Time(run.CreatedAt))
            .Execute() == 1;
    }

    /// <summary>Finds the runs a claim takes, oldest due first.</summary>
    /// <param name="maxRuns">The most runs.</param>
    /// <param name="now">The current time.</param>
    /// <returns>Their ids, in claim order.</returns>
    public List<string> FindClaimable(int maxRuns, long now)
    {
        // Three range scans of ix_runs_due, each bounded by the limit, instead of one scan that would walk past
        // every future timer to find pending runs.
        _claimCandidates ??= Prepare(
            """
            SELECT run_id FROM (
                SELECT run_id, due_at FROM (SELECT run_id, due_at FROM runs WHERE status = 'pending' AND due_at IS NOT NULL ORDER BY due_at LIMIT $max)
                UNION ALL
                SELECT run_id, due_at FROM (SELECT run_id, due_at FROM runs WHERE status = 'waiting' AND due_at <= $now ORDER BY due_at LIMIT $max)
                UNION ALL
                SELECT run_id, due_at FROM (SELECT run_id, due_at FROM runs WHERE status = 'running' AND due_at <= $now ORDER BY due_at LIMIT $max)
            )
            ORDER BY due_at, run_id
            LIMIT $max
            """,
            "$max", "$now");
        var ids = new List<string>(Math.Min(maxRuns, 64));
        using var row = _claimCandidates.Bind("$max", maxRuns).Bind("$now", now).Query();
        while (row.Read())
        {
            ids.Add(row.GetString(0));
        }

        return ids;
    }

    /// <summary>Takes a run for a worker: running, new lease, next epoch.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="workerId">The worker.</param>
    /// <param name="expiresAt">The lease expiry.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The claimed run.</returns>
    public RunRecord ClaimRun(string runId, string workerId, long expiresAt, long now)
    {
        _claimRun ??= Prepare(
            $"""
            UPDATE runs SET status = 'running', epoch = epoch + 1, version = version + 1, claims = claims + 1,
                lease_owner = $owner, lease_expires_at = $expires, due_at = $expires, wake_at = NULL, waiting_for = NULL, updated_at = $now
            WHERE run_id = $id
            RETURNING {StoredRows.RunColumns}
            """,
            "$id", "$owner", "$expires", "$now");
        using var row = _claimRun.Bind("$id", runId).Bind("$owner", workerId).Bind("$expires", expiresAt).Bind("$now", now).Query();
        return row.Read() ? StoredRows.ReadRun(row, StoredRows.WaitingForFromJson) : throw new InvalidOperationException($"Run '{runId}' vanished while being claimed.");
    }

    /// <summary>Extends the lease of a running run held under <paramref name="epoch"/>.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="epoch">The claim's epoch.</param>
    /// <param name="expiresAt">The new expiry.</param>
    /// <returns>Whether the lease was still held.</returns>
    public bool RenewLease(string runId, long epoch, long expiresAt)
    {
        _renewLease ??= Prepare(
            "UPDATE runs SET lease_expires_at = $expires, due_at = $expires, version = version + 1 WHERE run_id = $id AND epoch = $epoch AND status = 'running'",
            "$id", "$epoch", "$expires");
        return _renewLease.Bind("$id", runId).Bind("$epoch", epoch).Bind("$expires", expiresAt).Execute() == 1;
    }

    /// <summary>Records a write that keeps the run running (a step commit).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="businessState">The new business state, or <see langword="null"/> to keep it.</param>
    /// <param name="at">The time of the write.</param>
    public void TouchRun(string runId, string? businessState, long at)
    {
        _touchRun ??= Prepare(
            "UPDATE runs SET version = version + 1, updated_at = $at, business_state = coalesce($state, business_state) WHERE run_id = $id",
            "$id", "$state", "$at");
        _touchRun.Bind("$id", runId).Bind("$state", businessState).Bind("$at", at).Execute();
    }

    /// <summary>Moves a run to a status that no worker holds (pending, waiting or finished): the lease is cleared.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="status">The new status.</param>
    /// <param name="change">The status's details.</param>
    /// <param name="at">The time of the write.</param>
    public void SetStatus(string runId, RunStatus status, in StatusChange change, long at)
    {
        _setStatus ??= Prepare(
            """
            UPDATE runs SET status = $status, version = version + 1, updated_at = $at, business_state = coalesce($state, business_state),
                lease_owner = NULL, lease_expires_at = NULL, wake_at = $wake, waiting_for = $waiting, output = $output, error = $error, due_at = $due
            WHERE run_id = $id
            """,
            "$id", "$status", "$at", "$state", "$wake", "$waiting", "$output", "$error", "$due");
        _setStatus
            .Bind("$id", runId)
            .Bind("$status", StoredFormats.Status(status))
            .Bind("$at", at)
            .Bind("$state", change.BusinessState)
            .Bind("$wake", change.WakeAt)
            .Bind("$waiting", change.WaitingFor)
            .Bind("$output", change.Output)
            .Bind("$error", change.Error)
            .Bind("$due", change.DueAt)
            .Execute();
    }

    /// <summary>Cancels a run and moves its epoch on, so the worker executing it is fenced.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="error">The error JSON.</param>
    /// <param name="at">The time of the write.</param>
    public void CancelRun(string runId, string error, long at)
    {
        _cancelRun ??= Prepare(
            """
            UPDATE runs SET status = 'cancelled', epoch = epoch + 1, version = version + 1, updated_at = $at, error = $error,
                lease_owner = NULL, lease_expires_at = NULL, wake_at = NULL, waiting_for = NULL, due_at = NULL
            WHERE run_id = $id
            """,
            "$id", "$error", "$at");
        _cancelRun.Bind("$id", runId).Bind("$error", error).Bind("$at", at).Execute();
    }
}
