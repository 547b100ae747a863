namespace Foreman.Postgres;

/// <summary>
/// The review store's tables, versioned in their own <c>review_schema_version</c> table so they migrate independently
/// of the workflow tables in the same schema. Times are milliseconds since the Unix epoch, as in the SQLite store.
/// </summary>
internal static class PostgresReviewSchema
{
    /// <summary>The migrations, in order; never edit a published one, append a new one.</summary>
    public static IReadOnlyList<(int Version, string Description, string Sql)> Migrations { get; } =
    [
        (1, "review items and level changes", """
            CREATE TABLE {s}.review_items (
                item_id              text    NOT NULL PRIMARY KEY,
                queue                text    NOT NULL,
                run_id               text    NOT NULL,
                decision_type        text    NOT NULL,
                level                integer NOT NULL,
                status               text    NOT NULL,
                packet               text    NOT NULL,
                tool_name            text    NOT NULL,
                proposed_action      text    NOT NULL,
                action_hash          text    NOT NULL,
                action_schema        text    NULL,
                created_at           bigint  NOT NULL,
                due_at               bigint  NOT NULL,
                human_cost           numeric NOT NULL,
                cost_currency        text    NOT NULL,
                escalated_from       text    NULL,
                decided_at           bigint  NULL,
                decided_by           text    NULL,
                reason               text    NULL,
                modified_action      text    NULL,
                approved_action_hash text    NULL,
                -- false while a human decision has not reached its run yet; the reconciler looks for these.
                delivered            boolean NOT NULL DEFAULT false
            );
            CREATE INDEX ix_review_items_status ON {s}.review_items (status, queue, created_at);
            CREATE INDEX ix_review_items_run ON {s}.review_items (run_id, created_at);
            CREATE INDEX ix_review_items_outcomes ON {s}.review_items (decision_type, decided_at);
            CREATE INDEX ix_review_items_undelivered ON {s}.review_items (decided_at) WHERE NOT delivered;

            CREATE TABLE {s}.review_level_changes (
                id             bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                decision_type  text    NOT NULL,
                from_level     integer NOT NULL,
                to_level       integer NOT NULL,
                kind           text    NOT NULL,
                reason         text    NOT NULL,
                samples        integer NOT NULL,
                clean          integer NOT NULL,
                at             bigint  NOT NULL,
                changed_by     text    NOT NULL
            );
            CREATE INDEX ix_review_level_changes_type ON {s}.review_level_changes (decision_type, id);
            """),
    ];
}
