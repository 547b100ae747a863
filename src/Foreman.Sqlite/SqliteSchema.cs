using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>
/// Versioned schema migrations. Each runs once, in order, inside the same <c>BEGIN IMMEDIATE</c> transaction
/// that reads the current version, so processes starting together serialize and none applies a step twice.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The migrations, in order; never edit a published one, append a new one.</summary>
    public static IReadOnlyList<(int Version, string Description, string Sql)> Migrations { get; } =
    [
        (1, "runs, journal and inbox", """
            CREATE TABLE runs (
                run_id           TEXT    NOT NULL PRIMARY KEY,
                workflow         TEXT    NOT NULL,
                input            TEXT    NOT NULL,
                status           TEXT    NOT NULL,
                version          INTEGER NOT NULL,
                epoch            INTEGER NOT NULL,
                idempotency_key  TEXT    NULL UNIQUE,
                lease_owner      TEXT    NULL,
                lease_expires_at INTEGER NULL,
                wake_at          INTEGER NULL,
                waiting_for      TEXT    NULL,
                parent_run_id    TEXT    NULL,
                output           TEXT    NULL,
                error            TEXT    NULL,
                business_state   TEXT    NULL,
                claims           INTEGER NOT NULL DEFAULT 0,
                created_at       INTEGER NOT NULL,
                updated_at       INTEGER NOT NULL,
                -- When the run becomes claimable: pending since, wake time, or lease expiry; NULL otherwise.
                due_at           INTEGER NULL
            );
            CREATE INDEX ix_runs_due ON runs (status, due_at) WHERE due_at IS NOT NULL;
            CREATE INDEX ix_runs_created ON runs (created_at, run_id);
            CREATE INDEX ix_runs_status_created ON runs (status, created_at, run_id);
            CREATE INDEX ix_runs_workflow_created ON runs (workflow, created_at, run_id);

            CREATE TABLE journal (
                run_id      TEXT    NOT NULL,
                seq         INTEGER NOT NULL,
                key         TEXT    NOT NULL,
                kind        TEXT    NOT NULL,
                name        TEXT    NOT NULL,
                state       TEXT    NOT NULL,
                payload     TEXT    NULL,
                attempts    INTEGER NOT NULL DEFAULT 0,
                due_at      INTEGER NULL,
                recorded_at INTEGER NOT NULL,
                PRIMARY KEY (run_id, seq)
            );

            CREATE TABLE inbox (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id      TEXT    NOT NULL,
                name        TEXT    NOT NULL,
                payload     TEXT    NOT NULL,
                dedupe_key  TEXT    NULL,
                received_at INTEGER NOT NULL,
                -- Consumed events stay (hidden) so their dedupe keys keep refusing redeliveries.
                consumed_at INTEGER NULL,
                UNIQUE (run_id, dedupe_key)
            );
            CREATE INDEX ix_inbox_unconsumed ON inbox (run_id, name) WHERE consumed_at IS NULL;
            """),
    ];

    /// <summary>The schema version this code writes.</summary>
    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>Brings the database to <see cref="LatestVersion"/>; a no-op when it is there already.</summary>
    /// <param name="connection">An open read-write connection outside any transaction.</param>
    /// <param name="path">The file, for messages.</param>
    public static void Migrate(SqliteConnection connection, string path) =>
        SqliteMigrator.InWriteTransaction(connection, () =>
        {
            var current = CurrentVersion(connection, path);
            if (current > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The database '{path}' has schema version {current}, newer than this version of Foreman supports ({LatestVersion}). Upgrade Foreman.");
            }

            SqliteMigrator.Apply(connection, "schema_version", current, Migrations);
        });

    private static int CurrentVersion(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            // Other tables may share the file (the review store keeps its own there), but tables with our names
            // that we did not create belong to something else: refuse rather than mix rows with them.
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('runs', 'journal', 'inbox') LIMIT 1";
            if (command.ExecuteScalar() is string clash)
            {
                throw new InvalidOperationException(
                    $"The database '{path}' has a table named '{clash}' that Foreman's workflow store did not create: it is not a Foreman database. Point the store at another file.");
            }

            SqliteMigrator.Execute(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL)");
            return 0;
        }

        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
