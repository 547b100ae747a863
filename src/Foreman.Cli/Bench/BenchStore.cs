using System.Globalization;
using Foreman.Cli.Workflows;
using Foreman.Postgres;
using Foreman.Sqlite;
using Foreman.Workflows.Storage;
using Npgsql;

namespace Foreman.Cli.Bench;

/// <summary>
/// The store a benchmark writes to. SQLite: the file the user named, or a fresh file deleted afterwards. PostgreSQL:
/// the schema the user named, or a fresh schema (<c>bench_…</c>) dropped afterwards, so one run's rows never skew the next.
/// </summary>
internal sealed class BenchStore : IAsyncDisposable
{
    private readonly BenchDatabase? _file;
    private readonly SqliteSynchronousMode _synchronous;
    private readonly int? _maxBatchSize;
    private readonly string? _connection;
    private readonly string _schema = string.Empty;

    private BenchStore(string kind, bool isFresh, BenchDatabase? file, SqliteSynchronousMode synchronous, int? maxBatchSize, string? connection, string schema)
    {
        Kind = kind;
        IsFresh = isFresh;
        _file = file;
        _synchronous = synchronous;
        _maxBatchSize = maxBatchSize;
        _connection = connection;
        _schema = schema;
        Synchronous = synchronous.ToString().ToLowerInvariant();
    }

    /// <summary>Gets <c>sqlite</c> or <c>postgres</c>.</summary>
    public string Kind { get; }

    /// <summary>Gets a value indicating whether the benchmark starts from an empty database.</summary>
    public bool IsFresh { get; }

    /// <summary>Gets the durability setting in force: SQLite's synchronous mode, or PostgreSQL's synchronous_commit as the server reported it.</summary>
    public string Synchronous { get; private set; }

    public static BenchStore Sqlite(BenchDatabase file, SqliteSynchronousMode synchronous, int? maxBatchSize) =>
        new(StoreKindOption.Sqlite, file.IsFresh, file, synchronous, maxBatchSize, null, string.Empty);

    public static BenchStore Postgres(string connection, string? schema, int? maxBatchSize) =>
        schema is null
            ? new(StoreKindOption.Postgres, true, null, SqliteSynchronousMode.Full, maxBatchSize, connection, "bench_" + Guid.NewGuid().ToString("N")[..12])
            : new(StoreKindOption.Postgres, false, null, SqliteSynchronousMode.Full, maxBatchSize, connection, schema);

    public async Task<IWorkflowStore> OpenAsync(CancellationToken cancellationToken)
    {
        if (_file is not null)
        {
            return await WorkflowStores.OpenAsync(_file.Path, _synchronous, cancellationToken, _maxBatchSize);
        }

        var options = new PostgresWorkflowStoreOptions { ConnectionString = _connection!, Schema = _schema };
        if (_maxBatchSize is { } batch)
        {
            options.MaxBatchSize = batch;
        }

        var store = new PostgresWorkflowStore(options);
        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        Synchronous = store.SynchronousCommit ?? "unknown";
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        _file?.Dispose();
        if (_connection is null || !IsFresh)
        {
            return;
        }

        try
        {
            await using var connection = new NpgsqlConnection(_connection);
            await connection.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE"), connection);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // A leftover benchmark schema is harmless; the figures were printed already.
        }
    }
}
