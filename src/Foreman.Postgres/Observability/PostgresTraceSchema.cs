namespace Foreman.Postgres;

/// <summary>
/// The trace store's tables, versioned in their own <c>trace_schema_version</c> table. The layout is the SQLite
/// store's (so a query means the same in both) with PostgreSQL types: the agents of a run are an array, the flags
/// booleans. Attributes and events stay JSON text (decision 0043).
/// </summary>
internal static class PostgresTraceSchema
{
    /// <summary>The tables the migrations create.</summary>
    public static readonly string[] Tables = ["trace_spans", "trace_runs", "trace_verdicts"];

    /// <summary>The migrations, in order; never edit a published one, append a new one.</summary>
    public static IReadOnlyList<(int Version, string Description, string Sql)> Migrations { get; } =
    [
        (1, "trace spans and run summaries", """
            CREATE TABLE {s}.trace_spans (
                run_id             text             NOT NULL,
                span_id            text             NOT NULL,
                trace_id           text             NOT NULL,
                parent_span_id     text             NULL,
                name               text             NOT NULL,
                operation          text             NULL,
                started_at         bigint           NOT NULL,
                sequence           bigint           NOT NULL,
                duration_us        bigint           NOT NULL,
                status             text             NOT NULL,
                status_description text             NULL,
                -- Copied out of the attributes for the per-agent aggregates of the alert rules.
                agent              text             NULL,
                agent_status       text             NULL,
                stop_reason        text             NULL,
                retry              boolean          NOT NULL DEFAULT false,
                replayed           boolean          NOT NULL DEFAULT false,
                cost_nanos         bigint           NOT NULL DEFAULT 0,
                attributes         text             NOT NULL,
                events             text             NOT NULL,
                PRIMARY KEY (run_id, span_id)
            );
            CREATE INDEX ix_trace_spans_agents ON {s}.trace_spans (started_at, operation) WHERE agent IS NOT NULL;

            CREATE TABLE {s}.trace_runs (
                run_id               text             NOT NULL PRIMARY KEY,
                pipeline             text             NULL,
                status               text             NULL,
                started_at           bigint           NOT NULL,
                ended_at             bigint           NOT NULL,
                spans                integer          NOT NULL,
                agent_invocations    integer          NOT NULL,
                model_calls          integer          NOT NULL,
                retried_model_calls  integer          NOT NULL,
                tool_calls           integer          NOT NULL,
                tool_errors          integer          NOT NULL,
                tool_retries         integer          NOT NULL,
                loop_detections      integer          NOT NULL,
                guardrail_rejections integer          NOT NULL,
                validation_failures  integer          NOT NULL,
                input_tokens         bigint           NOT NULL,
                output_tokens        bigint           NOT NULL,
                cost_nanos           bigint           NOT NULL,
                retry_cost_nanos     bigint           NOT NULL,
                min_confidence       double precision NULL,
                agents               text[]           NOT NULL
            );
            CREATE INDEX ix_trace_runs_started ON {s}.trace_runs (started_at);
            CREATE INDEX ix_trace_runs_ended ON {s}.trace_runs (ended_at);
            CREATE INDEX ix_trace_runs_pipeline ON {s}.trace_runs (pipeline, started_at);

            -- Ground-truth verdicts, apart from the summaries: a verdict may arrive before the run's spans do.
            CREATE TABLE {s}.trace_verdicts (
                run_id  text    NOT NULL PRIMARY KEY,
                correct boolean NOT NULL
            );
            """),
    ];
}
