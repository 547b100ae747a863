using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>
/// Migrates one of the observability stores' table sets (traces, quality, alerts), each versioned in its own
/// table so it migrates independently of the workflow and review schemas in the same file.
/// </summary>
internal static class ObservabilitySchema
{
    public static void Migrate(SqliteConnection connection, string path, string versionTable, string label, IReadOnlyList<(int Version, string Description, string Sql)> migrations) =>
        SqliteMigrator.InWriteTransaction(connection, () =>
        {
            // The workflow store refuses a file that has tables but no schema_version, so it must come first.
            if (SqliteMigrator.Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") == 0)
            {
                throw new InvalidOperationException(
                    $"'{path}' has no Foreman workflow schema. Initialize the SqliteWorkflowStore on this file before the {label} store.");
            }

            SqliteMigrator.Execute(connection, $"CREATE TABLE IF NOT EXISTS {versionTable} (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL)");
            var current = (int)SqliteMigrator.Scalar(connection, $"SELECT coalesce(max(version), 0) FROM {versionTable}");
            if (current > migrations[^1].Version)
            {
                throw new InvalidOperationException($"The {label} tables in '{path}' have schema version {current}, newer than this version of Foreman supports. Upgrade Foreman.");
            }

            SqliteMigrator.Apply(connection, versionTable, current, migrations);
        });
}
