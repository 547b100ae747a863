using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>
/// What the stores that keep their tables in the workflow store's file (reviews, traces, quality, alerts) share:
/// checking the configured path and migrating their own tables.
/// </summary>
internal sealed partial class SqliteDatabase
{
    /// <summary>The database of a store whose options name the workflow store's file.</summary>
    /// <param name="databasePath">The configured path; refused when empty.</param>
    /// <param name="synchronous">How durable the store's commits are.</param>
    /// <param name="busyTimeout">How long a statement waits for another connection's lock.</param>
    /// <returns>The database.</returns>
    /// <exception cref="ArgumentException">The path is empty (reported against the store's <c>options</c> parameter).</exception>
    public static SqliteDatabase InWorkflowFile(string? databasePath, SqliteSynchronousMode synchronous, TimeSpan busyTimeout)
    {
        if (string.IsNullOrWhiteSpace(databasePath))
        {
            // The stores take the path in their options, so that is the argument the caller got wrong.
            throw new ArgumentException("DatabasePath is required.", "options");
        }

        return new SqliteDatabase(databasePath, synchronous, busyTimeout);
    }

    /// <summary>Runs a store's migrations on a writer connection (the workflow store must have initialized the file).</summary>
    /// <param name="migrate">Migrates the store's tables, given the connection and the file's path.</param>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <returns>A completed task: migrations are synchronous.</returns>
    public Task MigrateAsync(Action<SqliteConnection, string> migrate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenWriter();
        migrate(connection, Path);
        return Task.CompletedTask;
    }
}
