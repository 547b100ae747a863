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
/// The stores the server runs on: runs, reviews, API keys, traces, alerts and quality samples, all in one database (a
/// SQLite file, or a PostgreSQL schema shared by several nodes).
/// </summary>
internal sealed class ServeStores(IWorkflowStore workflows, IReviewStore reviews, IApiKeyStore keys, ITraceStore? traces, IAlertStore? alerts, IQualityStore? quality, string description) : IAsyncDisposable
{
    /// <summary>Gets the trace store, or <see langword="null"/> for none (the server then rebuilds traces from the journal).</summary>
    public ITraceStore? Traces { get; } = traces;

    /// <summary>Gets the alert store, or <see langword="null"/> (only the server's operational alerts then).</summary>
    public IAlertStore? Alerts { get; } = alerts;

    /// <summary>Gets the quality store, or <see langword="null"/> for none (no quality sampling then).</summary>
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
        var opened = new List<object>();
        try
        {
            // Reviews and keys live next to the runs (same file or schema); the workflow store created it first.
            var reviews = await WorkflowStores.OpenReviewsAsync(target, cancellationToken);
            opened.Add(reviews);

            // Every node on a PostgreSQL database shares the keys, the traces, the alert history and the quality samples.
            IApiKeyStore keys;
            if (target.IsPostgres)
            {
                var postgresKeys = new PostgresApiKeyStore(target.ConnectionString!, target.Schema);
                opened.Add(postgresKeys);
                await postgresKeys.InitializeAsync(cancellationToken);
                keys = postgresKeys;
            }
            else
            {
                var sqliteKeys = new SqliteApiKeyStore(target.DatabasePath!);
                await sqliteKeys.InitializeAsync(cancellationToken);
                keys = sqliteKeys;
            }

            var traces = await ObservabilityStoreOpener.OpenTracesAsync(target, cancellationToken);
            opened.Add(traces);
            var alerts = await ObservabilityStoreOpener.OpenAlertsAsync(target, cancellationToken);
            opened.Add(alerts);
            var quality = await ObservabilityStoreOpener.OpenQualityAsync(target, cancellationToken);
            return new ServeStores(store, reviews, keys, traces, alerts, quality, target.IsPostgres ? target.Description : $"SQLite {target.DatabasePath}");
        }
        catch
        {
            // A failed start leaves no pool behind (the PostgreSQL stores each hold one).
            await ObservabilityStoreOpener.DisposeAllAsync([.. opened]);
            await store.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ObservabilityStoreOpener.DisposeAllAsync(Sessions, Keys, Reviews, Traces, Alerts, Quality);
        await Workflows.DisposeAsync();
    }
}
