using Npgsql;

namespace Foreman.Postgres;

/// <summary>
/// What the review, trace, quality and alert stores share: pooled connections to one schema, its tables' qualified
/// names, and a start-up that refuses non-durable commits and applies the store's own migrations.
/// </summary>
internal sealed class PostgresStoreDatabase : IAsyncDisposable
{
    private readonly PostgresNames _names;

    /// <param name="connectionString">The connection string; a blank one is refused as <paramref name="paramName"/>.</param>
    /// <param name="schema">The schema holding the tables.</param>
    /// <param name="paramName">The store's options parameter, named in argument errors.</param>
    public PostgresStoreDatabase(string connectionString, string schema, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString, paramName);
        _names = new PostgresNames(schema);
        DataSource = PostgresConnections.CreateDataSource(connectionString);
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Gets a table's name, qualified with the quoted schema.</summary>
    public string Table(string name) => _names.Quoted + "." + name;

    /// <summary>Checks durability, then creates or upgrades the store's tables (safe when several nodes start at once).</summary>
    public async Task MigrateAsync(string versionTable, IReadOnlyList<(int Version, string Description, string Sql)> migrations, string[] tables, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await PostgresConnections.RequireDurableCommitsAsync(connection, cancellationToken);
        await PostgresMigrator.MigrateAsync(connection, _names, versionTable, migrations, tables, cancellationToken);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
