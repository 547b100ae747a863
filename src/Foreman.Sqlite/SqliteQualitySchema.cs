namespace Foreman.Sqlite;

/// <summary>The quality store's tables, versioned in <c>quality_schema_version</c>.</summary>
internal static class SqliteQualitySchema
{
    /// <summary>The migrations, in order; never edit a published one, append a new one.</summary>
    public static IReadOnlyList<(int Version, string Description, string Sql)> Migrations { get; } =
    [
        (1, "quality samples and agent states", """
            CREATE TABLE quality_samples (
                sample_id       TEXT    NOT NULL PRIMARY KEY,
                run_id          TEXT    NOT NULL,
                pipeline        TEXT    NOT NULL,
                agent           TEXT    NOT NULL,
                task_type       TEXT    NOT NULL,
                output          TEXT    NOT NULL,
                confidence      REAL    NOT NULL,
                sampled_at      INTEGER NOT NULL,
                status          TEXT    NOT NULL,
                review_item_id  TEXT    NULL,
                correct         INTEGER NULL,
                expected        TEXT    NULL,
                true_positives  INTEGER NOT NULL DEFAULT 0,
                false_positives INTEGER NOT NULL DEFAULT 0,
                false_negatives INTEGER NOT NULL DEFAULT 0,
                verified_by     TEXT    NULL,
                verified_at     INTEGER NULL
            );
            CREATE INDEX ix_quality_samples_agent ON quality_samples (agent, task_type, sampled_at);
            CREATE INDEX ix_quality_samples_status ON quality_samples (status, sampled_at);
            CREATE INDEX ix_quality_samples_pipeline ON quality_samples (pipeline, sampled_at);

            CREATE TABLE quality_agent_states (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                agent      TEXT    NOT NULL,
                disabled   INTEGER NOT NULL,
                reason     TEXT    NOT NULL,
                changed_at INTEGER NOT NULL,
                changed_by TEXT    NOT NULL
            );
            CREATE INDEX ix_quality_agent_states_agent ON quality_agent_states (agent, id);
            """),
    ];
}
