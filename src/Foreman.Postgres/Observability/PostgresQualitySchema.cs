namespace Foreman.Postgres;

/// <summary>The quality store's tables, versioned in their own <c>quality_schema_version</c> table; the SQLite store's layout.</summary>
internal static class PostgresQualitySchema
{
    /// <summary>The tables the migrations create.</summary>
    public static readonly string[] Tables = ["quality_samples", "quality_agent_states"];

    /// <summary>The migrations, in order; never edit a published one, append a new one.</summary>
    public static IReadOnlyList<(int Version, string Description, string Sql)> Migrations { get; } =
    [
        (1, "quality samples and agent states", """
            CREATE TABLE {s}.quality_samples (
                sample_id       text             NOT NULL PRIMARY KEY,
                run_id          text             NOT NULL,
                pipeline        text             NOT NULL,
                agent           text             NOT NULL,
                task_type       text             NOT NULL,
                output          text             NOT NULL,
                confidence      double precision NOT NULL,
                sampled_at      bigint           NOT NULL,
                status          text             NOT NULL,
                review_item_id  text             NULL,
                correct         boolean          NULL,
                expected        text             NULL,
                true_positives  integer          NOT NULL DEFAULT 0,
                false_positives integer          NOT NULL DEFAULT 0,
                false_negatives integer          NOT NULL DEFAULT 0,
                verified_by     text             NULL,
                verified_at     bigint           NULL
            );
            CREATE INDEX ix_quality_samples_agent ON {s}.quality_samples (agent, task_type, sampled_at);
            CREATE INDEX ix_quality_samples_status ON {s}.quality_samples (status, sampled_at);
            CREATE INDEX ix_quality_samples_pipeline ON {s}.quality_samples (pipeline, sampled_at);

            CREATE TABLE {s}.quality_agent_states (
                id         bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                agent      text    NOT NULL,
                disabled   boolean NOT NULL,
                reason     text    NOT NULL,
                changed_at bigint  NOT NULL,
                changed_by text    NOT NULL
            );
            CREATE INDEX ix_quality_agent_states_agent ON {s}.quality_agent_states (agent, id);
            """),
    ];
}
