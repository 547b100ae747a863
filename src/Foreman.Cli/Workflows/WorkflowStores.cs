using Foreman.Cli.Commands;
using Foreman.Sqlite;

namespace Foreman.Cli.Workflows;

/// <summary>Opens the SQLite workflow store for a command.</summary>
internal static class WorkflowStores
{
    /// <summary>Opens (creating when missing) the store at <paramref name="path"/>.</summary>
    public static async Task<SqliteWorkflowStore> OpenAsync(string path, SqliteSynchronousMode synchronous, CancellationToken cancellationToken, int? maxBatchSize = null)
    {
        var options = new SqliteWorkflowStoreOptions { DatabasePath = path, Synchronous = synchronous };
        if (maxBatchSize is { } batch)
        {
            options.MaxBatchSize = batch;
        }

        var store = new SqliteWorkflowStore(options);
        try
        {
            await store.InitializeAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens the store of a command that inspects or changes existing runs; a missing file is the user's mistake
    /// (a typo in --db), not a reason to create an empty database.
    /// </summary>
    public static async Task<(SqliteWorkflowStore? Store, string? Error)> OpenExistingAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return (null, $"there is no workflow database at {path} (pass --db, or start a worker or submit a run first).");
        }

        try
        {
            return (await OpenAsync(path, SqliteSynchronousMode.Full, cancellationToken), null);
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>
    /// Opens an existing store for one command, runs <paramref name="body"/> with it and closes it; a missing or
    /// foreign database is reported as a usage error.
    /// </summary>
    public static async Task<int> UseExistingAsync(CliEnvironment environment, string path, Func<SqliteWorkflowStore, Task<int>> body, CancellationToken cancellationToken)
    {
        var (store, error) = await OpenExistingAsync(path, cancellationToken);
        if (store is null)
        {
            return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, error!);
        }

        await using (store)
        {
            return await body(store);
        }
    }

    /// <summary>
    /// Like <see cref="UseExistingAsync"/>, with the review store of the same file opened too (it must be opened after
    /// the workflow store, which owns the file's schema).
    /// </summary>
    public static Task<int> UseExistingWithReviewsAsync(CliEnvironment environment, string path, Func<SqliteWorkflowStore, SqliteReviewStore, Task<int>> body, CancellationToken cancellationToken) =>
        UseExistingAsync(environment, path, async store =>
        {
            var reviews = new SqliteReviewStore(new SqliteReviewStoreOptions { DatabasePath = path });
            await reviews.InitializeAsync(cancellationToken);
            return await body(store, reviews);
        }, cancellationToken);
}
