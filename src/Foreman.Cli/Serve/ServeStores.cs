using Foreman.Cli.Workflows;
using Foreman.Alerts;
using Foreman.Quality;
using Foreman.Reviews;
using Foreman.Server.Auth;
using Foreman.Sqlite;
using Foreman.Tracing;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Serve;

/// <summary>
/// The stores the server runs on: runs, reviews, API keys, traces and alerts, all in one database (a SQLite file, or a
/// PostgreSQL schema shared by several nodes).
/// </summary>
internal sealed class ServeStores(IWorkflowStore workflows, IReviewStore reviews, IApiKeyStore keys, ITraceStore? traces, IAlertStore? alerts, IQualityStore? quality, string description) : IAsyncDisposable
{
    /// <summary>Gets the trace store, or <see langword="null"/> where the store kind has none (the server then rebuilds traces from the journal).</summary>
    public ITraceStore? Traces { get; } = traces;

    /// <summary>Gets the alert store, or <see langword="null"/> (only the server's operational alerts then).</summary>
    public IAlertStore? Alerts { get; } = alerts;

    /// <summary>Gets the quality store, or <see langword="null"/> where the store kind has none (no quality sampling then).</summary>
    public IQualityStore? Quality { get; } = quality;

    public IWorkflowStore Workflows { get; } = workflows;

    public IReviewStore Reviews { get; } = reviews;

    public IApiKeyStore Keys { get; } = keys;

    /// <summary>Gets the dashboard sessions, in the same database (set once by <see cref="OpenAsync"/>).</summary>
    public ISessionStore Sessions { get; private set; } = null!;

    /// <summary>Gets where the data lives, for people (never a password).</summary>
    public string Description { get; } = description;

    /// <summary>Opens the stores <paramref name="target"/> names, creating their schemas when missing.</summary>
    public static async Task<ServeStores> OpenAsync(StoreTarget target, CancellationToken cancellationToken)
    {
        var stores = await OpenStoresAsync(target, cancellationToken);
        try
        {
            stores.Sessions = await ServeSessionStore.OpenAsync(target, cancellationToken);
            return stores;
        }
        catch
        {
            await stores.DisposeAsync();
            throw;
        }
    }

    private static async Task<ServeStores> OpenStoresAsync(StoreTarget target, CancellationToken cancellationToken)
    {
        var store = await WorkflowStores.OpenAsync(target, cancellationToken);
        try
        {
            // Reviews and keys live next to the runs (same file or schema); the workflow store created it first.
            var reviews = await WorkflowStores.OpenReviewsAsync(target, cancellationToken);
            if (target.IsPostgres)
            {
                // Every node on the database shares the keys. Traces and alert history have no PostgreSQL store yet:
                // the server then rebuilds traces from the journal and keeps its operational alerts in memory.
                var postgresKeys = new PostgresApiKeyStore(target.ConnectionString!, target.Schema);
                await postgresKeys.InitializeAsync(cancellationToken);
                return new ServeStores(store, reviews, postgresKeys, null, null, null, target.Description);
            }

            var path = target.DatabasePath!;
            var keys = new SqliteApiKeyStore(path);
            await keys.InitializeAsync(cancellationToken);
            var traces = new SqliteTraceStore(new SqliteTraceStoreOptions { DatabasePath = path });
            await traces.InitializeAsync(cancellationToken);
            var alerts = new SqliteAlertStore(new SqliteAlertStoreOptions { DatabasePath = path });
            await alerts.InitializeAsync(cancellationToken);
            var quality = new SqliteQualityStore(new SqliteQualityStoreOptions { DatabasePath = path });
            await quality.InitializeAsync(cancellationToken);
            return new ServeStores(store, reviews, keys, traces, alerts, quality, $"SQLite {path}");
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Sessions is IAsyncDisposable sessions)
        {
            await sessions.DisposeAsync();
        }

        foreach (var owned in new object[] { Keys, Reviews })
        {
            if (owned is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        await Workflows.DisposeAsync();
    }
}
