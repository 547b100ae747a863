namespace Foreman.Postgres;

/// <summary>The SQL the store sends, expanded once for its schema (the same text each time, so each is prepared once per connection).</summary>
internal sealed class PostgresStatements(PostgresNames names)
{
    public string CreateRun { get; } = names.Expand("SELECT {s}.create_run($1, $2, $3, $4, $5, $6)");

    public string FindRunByKey { get; } = names.Expand($"SELECT {StoredRows.RunColumns} FROM {{s}}.runs WHERE idempotency_key = $1");

    public string GetRun { get; } = names.Expand($"SELECT {StoredRows.RunColumns} FROM {{s}}.runs WHERE run_id = $1");

    /// <summary>
    /// Claims in one statement. Runs already due (pending, woken timers, expired leases) come from one ordered range
    /// of <c>ix_runs_due</c> that stops at <c>now</c>, so future timers and live leases are never walked; pending runs
    /// stamped after <c>now</c> (another node's clock runs ahead) come from <c>ix_runs_pending</c>. Rows another claimer
    /// holds are skipped, not waited for, and each picked row is re-checked after locking, so no run goes to two claimers.
    /// </summary>
    public string Claim { get; } = names.Expand($$"""
        WITH due AS (
            SELECT run_id, due_at FROM {s}.runs WHERE due_at <= $1 ORDER BY due_at, run_id LIMIT $2 FOR UPDATE SKIP LOCKED
        ), early AS (
            SELECT run_id, due_at FROM {s}.runs WHERE status = 'pending' AND due_at > $1 ORDER BY due_at, run_id LIMIT $2 FOR UPDATE SKIP LOCKED
        ), picked AS (
            SELECT run_id, due_at FROM due UNION ALL SELECT run_id, due_at FROM early ORDER BY due_at, run_id LIMIT $2
        )
        UPDATE {s}.runs r SET status = 'running', epoch = r.epoch + 1, version = r.version + 1, claims = r.claims + 1,
            lease_owner = $3, lease_expires_at = $4, due_at = $4, wake_at = NULL, waiting_for = NULL, updated_at = $1
        FROM picked p
        WHERE r.run_id = p.run_id
        RETURNING {{PostgresRows.QualifiedRunColumns}}, p.due_at
        """);

    public string RenewLease { get; } = names.Expand("SELECT {s}.renew_lease($1, $2, $3)");

    public string Commit { get; } = names.Expand(
        "SELECT code, new_version, new_status FROM {s}.commit_run($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)");

    public string CommitStep { get; } = names.Expand(
        "SELECT code, new_version, new_status FROM {s}.commit_step($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)");

    public string Deliver { get; } = names.Expand("SELECT {s}.deliver_event($1, $2, $3, $4, $5)");

    public string Cancel { get; } = names.Expand("SELECT {s}.cancel_run($1, $2, $3, $4, $5)");

    public string Requeue { get; } = names.Expand("SELECT {s}.requeue_run($1, $2)");

    public string CountByStatus { get; } = names.Expand("SELECT status, count(*) FROM {s}.runs GROUP BY status");

    public string Journal { get; } = names.Expand($"SELECT {StoredRows.JournalColumns} FROM {{s}}.journal WHERE run_id = $1 ORDER BY seq");

    public string Inbox { get; } = names.Expand($"SELECT {StoredRows.InboxColumns} FROM {{s}}.inbox WHERE run_id = $1 AND consumed_at IS NULL ORDER BY id");

    public string NextWakeAt { get; } = names.Expand("SELECT min(due_at) FROM {s}.runs WHERE status = 'waiting' AND due_at IS NOT NULL");

    /// <summary>The run list for the filters present, numbered in the order status, workflow, cursor, limit.</summary>
    public string ListRuns(bool status, bool workflow, bool before)
    {
        var next = 1;
        var sql = new System.Text.StringBuilder($"SELECT {StoredRows.RunColumns} FROM {names.Quoted}.runs WHERE true");
        if (status)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND status = ${next++}");
        }

        if (workflow)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND workflow = ${next++}");
        }

        if (before)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND (created_at, run_id) < (SELECT created_at, run_id FROM {names.Quoted}.runs WHERE run_id = ${next++})");
        }

        return sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" ORDER BY created_at DESC, run_id DESC LIMIT ${next}").ToString();
    }
}
