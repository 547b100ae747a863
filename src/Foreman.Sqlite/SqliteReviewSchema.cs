using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>
/// The review store's tables, versioned in their own <c>review_schema_version</c> table so they migrate
/// independently of the workflow store's schema in the same file.
/// </summary>
internal static class SqliteReviewSchema
{
    /// <summary>The migrations, in order; never edit a published one, append a new one.</summary>
    public static IReadOnlyList<(int Version, string Description, string Sql)> Migrations { get; } =
    [
        (1, "review items and level changes", """
            CREATE TABLE review_items (
                item_id              TEXT    NOT NULL PRIMARY KEY,
                queue                TEXT    NOT NULL,
                run_id               TEXT    NOT NULL,
                decision_type        TEXT    NOT NULL,
                level                INTEGER NOT NULL,
                status               TEXT    NOT NULL,
                packet               TEXT    NOT NULL,
                tool_name            TEXT    NOT NULL,
                proposed_action      TEXT    NOT NULL,
                action_hash          TEXT    NOT NULL,
                action_schema        TEXT    NULL,
                created_at           INTEGER NOT NULL,
                due_at               INTEGER NOT NULL,
                human_cost           TEXT    NOT NULL,
                cost_currency        TEXT    NOT NULL,
                escalated_from       TEXT    NULL,
                decided_at           INTEGER NULL,
                decided_by           TEXT    NULL,
                reason               TEXT    NULL,
                modified_action      TEXT    NULL,
                approved_action_hash TEXT    NULL,
                -- 0 while a human decision has not reached its run yet; the reconciler looks for these.
                delivered            INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX ix_review_items_status ON review_items (status, queue, created_at);
            CREATE INDEX ix_review_items_run ON review_items (run_id, created_at);
            CREATE INDEX ix_review_items_outcomes ON review_items (decision_type, decided_at);
            CREATE INDEX ix_review_items_undelivered ON review_items (decided_at) WHERE delivered = 0;

            CREATE TABLE review_level_changes (
                id             INTEGER PRIMARY KEY AUTOINCREMENT,
                decision_type  TEXT    NOT NULL,
                from_level     INTEGER NOT NULL,
                to_level       INTEGER NOT NULL,
                kind           TEXT    NOT NULL,
                reason         TEXT    NOT NULL,
                samples        INTEGER NOT NULL,
                clean          INTEGER NOT NULL,
                at             INTEGER NOT NULL,
                changed_by     TEXT    NOT NULL
            );
            CREATE INDEX ix_review_level_changes_type ON review_level_changes (decision_type, id);
            """),
    ];

    /// <summary>Brings the review tables to the latest version.</summary>
    /// <param name="connection">An open read-write connection outside any transaction.</param>
    /// <param name="path">The file, for messages.</param>
    public static void Migrate(SqliteConnection connection, string path) =>
        SqliteMigrator.InWriteTransaction(connection, () =>
        {
            // Created by the workflow store, which refuses a file that has tables but no schema_version; reviews
            // coming first would make the file look foreign to it.
            if (SqliteMigrator.Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") == 0)
            {
                throw new InvalidOperationException(
                    $"'{path}' has no Foreman workflow schema. Initialize the SqliteWorkflowStore on this file before the review store.");
            }

            SqliteMigrator.Execute(connection, "CREATE TABLE IF NOT EXISTS review_schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL)");
            var current = (int)SqliteMigrator.Scalar(connection, "SELECT coalesce(max(version), 0) FROM review_schema_version");
            if (current > Migrations[^1].Version)
            {
                throw new InvalidOperationException($"The review tables in '{path}' have schema version {current}, newer than this version of Foreman supports. Upgrade Foreman.");
            }

            SqliteMigrator.Apply(connection, "review_schema_version", current, Migrations);
        });
}
