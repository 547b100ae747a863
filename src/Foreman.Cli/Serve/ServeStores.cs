using Foreman.Cli.Workflows;
using Foreman.Alerts;
using Foreman.Reviews;
using Foreman.Server.Auth;
using Foreman.Sqlite;
using Foreman.Tracing;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Serve;

/// <summary>
/// The stores the server runs on: runs, reviews, API keys, traces and alerts, all in one database. Opened by kind, so another store
/// (PostgreSQL) is one more case here.
/// </summary>
internal sealed class ServeStores(IWorkflowStore workflows, IReviewStore reviews, IApiKeyStore keys, ITraceStore? traces, IAlertStore? alerts, string description) : IAsyncDisposable
{
    /// <summary>Gets the trace store, or <see langword="null"/> where the store kind has none (the server then rebuilds traces from the journal).</summary>
    public ITraceStore? Traces { get; } = traces;

    /// <summary>Gets the alert store, or <see langword="null"/> (only the server's operational alerts then).</summary>
    public IAlertStore? Alerts { get; } = alerts;

    public IWorkflowStore Workflows { get; } = workflows;

    public IReviewStore Reviews { get; } = reviews;

    public IApiKeyStore Keys { get; } = keys;

    /// <summary>Gets where the data lives, for people (never a password).</summary>
    public string Description { get; } = description;

    /// <summary>Why the server cannot run on <paramref name="kind"/>, or <see langword="null"/> when it can.</summary>
    public static string? Unsupported(string? kind) =>
        kind is null or StoreKindOption.Sqlite ? null : $"the server runs on SQLite for now (--store {kind} is not wired to its API key, trace and alert stores yet).";

    public static async Task<ServeStores> OpenAsync(string? kind, string databasePath, CancellationToken cancellationToken)
    {
        switch (kind ?? StoreKindOption.Sqlite)
        {
            case StoreKindOption.Sqlite:
                var store = await WorkflowStores.OpenAsync(databasePath, SqliteSynchronousMode.Full, cancellationToken);
                try
                {
                    // The review and key tables live in the same file; the workflow store created it and its schema first.
                    var reviews = new SqliteReviewStore(new SqliteReviewStoreOptions { DatabasePath = databasePath });
                    await reviews.InitializeAsync(cancellationToken);
                    var keys = new SqliteApiKeyStore(databasePath);
                    await keys.InitializeAsync(cancellationToken);
                    var traces = new SqliteTraceStore(new SqliteTraceStoreOptions { DatabasePath = databasePath });
                    await traces.InitializeAsync(cancellationToken);
                    var alerts = new SqliteAlertStore(new SqliteAlertStoreOptions { DatabasePath = databasePath });
                    await alerts.InitializeAsync(cancellationToken);
                    return new ServeStores(store, reviews, keys, traces, alerts, $"SQLite {databasePath}");
                }
                catch
                {
                    await store.DisposeAsync();
                    throw;
                }

            default:
                throw new ArgumentException($"Unknown store '{kind}'.", nameof(kind));
        }
    }

    public ValueTask DisposeAsync() => Workflows.DisposeAsync();
}
