using Foreman.Alerts;
using Foreman.Postgres;
using Foreman.Quality;
using Foreman.Sqlite;
using Foreman.Tracing;

namespace Foreman.Cli.Workflows;

/// <summary>
/// Opens the trace, quality and alert stores next to the workflow store a target names: the tables of the same SQLite
/// file, or of the same PostgreSQL schema that every node shares. Open the workflow store first (it owns the SQLite
/// file's schema). Dispose a result that is <see cref="IAsyncDisposable"/> (the PostgreSQL stores hold a connection pool).
/// </summary>
internal static class ObservabilityStoreOpener
{
    public static Task<ITraceStore> OpenTracesAsync(StoreTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsPostgres
            ? InitializedAsync<ITraceStore, PostgresTraceStore>(new PostgresTraceStore(new PostgresTraceStoreOptions { ConnectionString = target.ConnectionString!, Schema = target.Schema }), (s, c) => s.InitializeAsync(c), cancellationToken)
            : InitializedAsync<ITraceStore, SqliteTraceStore>(new SqliteTraceStore(new SqliteTraceStoreOptions { DatabasePath = target.DatabasePath! }), (s, c) => s.InitializeAsync(c), cancellationToken);
    }

    public static Task<IQualityStore> OpenQualityAsync(StoreTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsPostgres
            ? InitializedAsync<IQualityStore, PostgresQualityStore>(new PostgresQualityStore(PostgresOptions(target)), (s, c) => s.InitializeAsync(c), cancellationToken)
            : InitializedAsync<IQualityStore, SqliteQualityStore>(new SqliteQualityStore(new SqliteQualityStoreOptions { DatabasePath = target.DatabasePath! }), (s, c) => s.InitializeAsync(c), cancellationToken);
    }

    public static Task<IAlertStore> OpenAlertsAsync(StoreTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsPostgres
            ? InitializedAsync<IAlertStore, PostgresAlertStore>(new PostgresAlertStore(PostgresOptions(target)), (s, c) => s.InitializeAsync(c), cancellationToken)
            : InitializedAsync<IAlertStore, SqliteAlertStore>(new SqliteAlertStore(new SqliteAlertStoreOptions { DatabasePath = target.DatabasePath! }), (s, c) => s.InitializeAsync(c), cancellationToken);
    }

    /// <summary>Disposes the stores that hold resources (the PostgreSQL ones); the others need nothing.</summary>
    public static async ValueTask DisposeAllAsync(params object?[] stores)
    {
        foreach (var store in stores)
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    private static PostgresObservabilityStoreOptions PostgresOptions(StoreTarget target) => new() { ConnectionString = target.ConnectionString!, Schema = target.Schema };

    private static async Task<TInterface> InitializedAsync<TInterface, TStore>(TStore store, Func<TStore, CancellationToken, Task> initialize, CancellationToken cancellationToken)
        where TStore : TInterface
    {
        try
        {
            await initialize(store, cancellationToken);
            return store;
        }
        catch
        {
            await DisposeAllAsync(store);
            throw;
        }
    }
}
