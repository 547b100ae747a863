namespace Foreman.Sqlite;

/// <summary>Options of <see cref="SqliteWorkflowStore"/>. The store copies them when it is created.</summary>
public sealed class SqliteWorkflowStoreOptions
{
    /// <summary>Gets or sets the path of the database file; it and its folder are created when missing. Required.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>Gets or sets the durability of commits. The default value is <see cref="SqliteSynchronousMode.Full"/>.</summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>
    /// Gets or sets how long a statement waits for another process that holds the database's write lock before it
    /// fails. The default value is 10 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the most writes applied in one transaction (group commit). The default value is 256.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Gets or sets the most read connections open at once. The default value is 4.</summary>
    public int ReaderPoolSize { get; set; } = 4;
}
