using Npgsql;

namespace Foreman.Postgres;

/// <summary>
/// Brings a set of tables to their latest migration. The whole upgrade runs in one transaction that
/// first takes a transaction-scoped advisory lock named after the schema, so nodes that start together take turns:
/// the first applies the migrations, the others wait, then find nothing left to do. DDL is transactional in
/// PostgreSQL, so a node killed halfway leaves no half-applied version.
/// </summary>
internal static class PostgresMigrator
{
    /// <summary>Applies the migrations newer than the version recorded in <paramref name="versionTable"/>.</summary>
    /// <param name="connection">An open connection outside any transaction.</param>
    /// <param name="names">The schema.</param>
    /// <param name="versionTable">The table that records applied versions (the workflow and review tables migrate independently).</param>
    /// <param name="migrations">The migrations, in order.</param>
    /// <param name="ownedTables">Tables the migrations create: finding one in a schema never migrated means it belongs to something else.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task MigrateAsync(
        NpgsqlConnection connection, PostgresNames names, string versionTable, IReadOnlyList<(int Version, string Description, string Sql)> migrations, string[] ownedTables, CancellationToken cancellationToken)
    {
        var latest = migrations[^1].Version;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext($1))", cancellationToken, "foreman.migrate." + names.Schema);
        await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {names.Quoted}", cancellationToken);
        await ExecuteAsync(connection, $"CREATE TABLE IF NOT EXISTS {names.Quoted}.{versionTable} (version integer NOT NULL PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);

        int current;
        await using (var read = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {names.Quoted}.{versionTable}", connection, transaction))
        {
            current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (current > latest)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema '{names.Schema}' has {versionTable} {current}, newer than this version of Foreman supports ({latest}). Upgrade Foreman.");
        }

        if (current == 0)
        {
            await RefuseForeignTablesAsync(connection, names, ownedTables, cancellationToken);
        }

        foreach (var (version, description, sql) in migrations.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, names.Expand(sql), cancellationToken);
            await ExecuteAsync(connection, $"INSERT INTO {names.Quoted}.{versionTable} (version, description) VALUES ($1, $2)", cancellationToken, version, description);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task RefuseForeignTablesAsync(NpgsqlConnection connection, PostgresNames names, string[] ownedTables, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = ANY ($2) LIMIT 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = names.Schema });
        command.Parameters.Add(new NpgsqlParameter { Value = ownedTables });
        if (await command.ExecuteScalarAsync(cancellationToken) is string clash)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema '{names.Schema}' has a table named '{clash}' that Foreman did not create. Choose another schema (the Schema option).");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
