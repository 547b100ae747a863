using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>
/// Applies versioned schema migrations under <c>BEGIN IMMEDIATE</c>, so processes that start at once take turns
/// and each migration is applied exactly once; shared by the workflow and review schemas.
/// </summary>
internal static class SqliteMigrator
{
    /// <summary>Runs <paramref name="body"/> in a write transaction, rolling back if it throws.</summary>
    public static void InWriteTransaction(SqliteConnection connection, Action body)
    {
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            body();
            Execute(connection, "COMMIT");
        }
        catch
        {
            if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
            {
                Execute(connection, "ROLLBACK");
            }

            throw;
        }
    }

    /// <summary>Applies the migrations newer than <paramref name="current"/>, recording each in <paramref name="versionTable"/>.</summary>
    public static void Apply(SqliteConnection connection, string versionTable, int current, IEnumerable<(int Version, string Description, string Sql)> migrations)
    {
        foreach (var (version, description, sql) in migrations.Where(m => m.Version > current))
        {
            Execute(connection, sql);
            using var record = connection.CreateCommand();
            record.CommandText = $"INSERT INTO {versionTable} (version, description) VALUES ($version, $description)";
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$description", description);
            record.ExecuteNonQuery();
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
