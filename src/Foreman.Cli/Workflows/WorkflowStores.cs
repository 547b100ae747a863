using Foreman.Cli.Commands;
using Foreman.Postgres;
using Foreman.Reviews;
using Foreman.Sqlite;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Workflows;

/// <summary>Opens the durable stores (SQLite or PostgreSQL) for a command.</summary>
internal static class WorkflowStores
{
    /// <summary>Opens (creating when missing) the SQLite store at <paramref name="path"/>.</summary>
    public static async Task<SqliteWorkflowStore> OpenAsync(string path, SqliteSynchronousMode synchronous, CancellationToken cancellationToken, int? maxBatchSize = null)
    {
        var options = new SqliteWorkflowStoreOptions { DatabasePath = path, Synchronous = synchronous };
        if (maxBatchSize is { } batch)
        {
            options.MaxBatchSize = batch;
        }

        return await InitializedAsync(new SqliteWorkflowStore(options), cancellationToken);
    }

    /// <summary>Opens (creating the schema when missing) the store <paramref name="target"/> names.</summary>
    public static async Task<IWorkflowStore> OpenAsync(StoreTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Error is { } error)
        {
            throw new InvalidOperationException(error);
        }

        return target.IsPostgres
            ? await InitializedAsync(new PostgresWorkflowStore(new PostgresWorkflowStoreOptions { ConnectionString = target.ConnectionString!, Schema = target.Schema }), cancellationToken)
            : await OpenAsync(target.DatabasePath!, SqliteSynchronousMode.Full, cancellationToken);
    }

    /// <summary>
    /// Opens the review store next to the workflow store (same file or schema); open the workflow store first, which
    /// owns the SQLite file's schema. Dispose the result if it is <see cref="IAsyncDisposable"/>.
    /// </summary>
    public static async Task<IReviewStore> OpenReviewsAsync(StoreTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.IsPostgres)
        {
            var postgres = new PostgresReviewStore(new PostgresReviewStoreOptions { ConnectionString = target.ConnectionString!, Schema = target.Schema });
            try
            {
                await postgres.InitializeAsync(cancellationToken);
                return postgres;
            }
            catch
            {
                await postgres.DisposeAsync();
                throw;
            }
        }

        var sqlite = new SqliteReviewStore(new SqliteReviewStoreOptions { DatabasePath = target.DatabasePath! });
        await sqlite.InitializeAsync(cancellationToken);
        return sqlite;
    }

    /// <summary>
    /// Opens the store of a command that inspects or changes existing runs; a missing SQLite file is the user's
    /// mistake (a typo in --db), not a reason to create an empty database.
    /// </summary>
    public static async Task<(IWorkflowStore? Store, string? Error)> OpenExistingAsync(StoreTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Error is { } error)
        {
            return (null, error);
        }

        if (!target.IsPostgres && !File.Exists(target.DatabasePath))
        {
            return (null, $"there is no workflow database at {target.DatabasePath} (pass --db, or start a worker or submit a run first).");
        }

        try
        {
            if (target.IsPostgres && !await PostgresSchemaExistsAsync(target, cancellationToken))
            {
                return (null, $"there is no Foreman schema '{target.Schema}' in {target.Description} (check --schema, or start a worker or submit a run first).");
            }

            return (await OpenAsync(target, cancellationToken), null);
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            return (null, $"cannot use {target.Description}: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            // A malformed connection string or schema name.
            return (null, ex.Message);
        }
    }

    /// <summary>
    /// Opens an existing store for one command, runs <paramref name="body"/> with it and closes it; a missing or
    /// foreign database is reported as a usage error.
    /// </summary>
    public static async Task<int> UseExistingAsync(CliEnvironment environment, StoreTarget target, Func<IWorkflowStore, Task<int>> body, CancellationToken cancellationToken)
    {
        var (store, error) = await OpenExistingAsync(target, cancellationToken);
        if (store is null)
        {
            return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, error!);
        }

        await using (store)
        {
            return await body(store);
        }
    }

    /// <summary>Like <c>UseExistingAsync</c>, with the review store of the same database opened too.</summary>
    public static Task<int> UseExistingWithReviewsAsync(CliEnvironment environment, StoreTarget target, Func<IWorkflowStore, IReviewStore, Task<int>> body, CancellationToken cancellationToken) =>
        UseExistingAsync(environment, target, async store =>
        {
            var reviews = await OpenReviewsAsync(target, cancellationToken);
            await using (reviews as IAsyncDisposable)
            {
                return await body(store, reviews);
            }
        }, cancellationToken);

    // A typo in --schema must not create an empty schema: the inspecting commands look before they open.
    private static async Task<bool> PostgresSchemaExistsAsync(StoreTarget target, CancellationToken cancellationToken)
    {
        // One look, outside any pool: a pooled connection may have outlived a server restart.
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("SELECT to_regclass(quote_ident($1) || '.schema_version') IS NOT NULL", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = target.Schema });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static async Task<T> InitializedAsync<T>(T store, CancellationToken cancellationToken)
        where T : IWorkflowStore
    {
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
}
