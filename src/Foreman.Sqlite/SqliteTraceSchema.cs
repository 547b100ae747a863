namespace Foreman.Sqlite;

/// <summary>The trace store's tables, versioned in <c>trace_schema_version</c>.</summary>
internal static class SqliteTraceSchema
{
    /// <summary>The migrations, in order; never edit a published one, append a new one.</summary>
    public static IReadOnlyList<(int Version, string Description, string Sql)> Migrations { get; } =
    [
        (1, "trace spans and run summaries", """
            CREATE TABLE trace_spans (
                run_id             TEXT    NOT NULL,
                span_id            TEXT    NOT NULL,
                trace_id           TEXT    NOT NULL,
                parent_span_id     TEXT    NULL,
                name               TEXT    NOT NULL,
                operation          TEXT    NULL,
                started_at         INTEGER NOT NULL,
                sequence           INTEGER NOT NULL,
                duration_us        INTEGER NOT NULL,
                status             TEXT    NOT NULL,
                status_description TEXT    NULL,
                -- Copied out of the attributes for the per-agent aggregates of the alert rules.
                agent              TEXT    NULL,
                agent_status       TEXT    NULL,
                stop_reason        TEXT    NULL,
                retry              INTEGER NOT NULL DEFAULT 0,
                replayed           INTEGER NOT NULL DEFAULT 0,
                cost_nanos         INTEGER NOT NULL DEFAULT 0,
                attributes         TEXT    NOT NULL,
                events             TEXT    NOT NULL,
                PRIMARY KEY (run_id, span_id)
            );
            CREATE INDEX ix_trace_spans_agents ON trace_spans (started_at, operation) WHERE agent IS NOT NULL;

            CREATE TABLE trace_runs (
                run_id               TEXT    NOT NULL PRIMARY KEY,
                pipeline             TEXT    NULL,
                status               TEXT    NULL,
                started_at           INTEGER NOT NULL,
                ended_at             INTEGER NOT NULL,
                spans                INTEGER NOT NULL,
                agent_invocations    INTEGER NOT NULL,
                model_calls          INTEGER NOT NULL,
                retried_model_calls  INTEGER NOT NULL,
                tool_calls           INTEGER NOT NULL,
                tool_errors          INTEGER NOT NULL,
                tool_retries         INTEGER NOT NULL,
                loop_detections      INTEGER NOT NULL,
                guardrail_rejections INTEGER NOT NULL,
                validation_failures  INTEGER NOT NULL,
                input_tokens         INTEGER NOT NULL,
                output_tokens        INTEGER NOT NULL,
                cost_nanos           INTEGER NOT NULL,
                retry_cost_nanos     INTEGER NOT NULL,
                min_confidence       REAL    NULL,
                -- ",agent-a,agent-b," so one agent is found with instr().
                agents               TEXT    NOT NULL
            );
            CREATE INDEX ix_trace_runs_started ON trace_runs (started_at);
            CREATE INDEX ix_trace_runs_ended ON trace_runs (ended_at);
            CREATE INDEX ix_trace_runs_pipeline ON trace_runs (pipeline, started_at);

            -- Ground-truth verdicts, apart from the summaries: a verdict may arrive before the run's spans do.
            CREATE TABLE trace_verdicts (
                run_id  TEXT    NOT NULL PRIMARY KEY,
                correct INTEGER NOT NULL
            );
            """),
    ];
}
