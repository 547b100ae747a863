namespace Foreman.Sqlite;

/// <summary>Options of the <see cref="SqliteAlertStore"/>.</summary>
public sealed class SqliteAlertStoreOptions
{
    /// <summary>Gets or sets the database file: the workflow store's.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>Gets or sets how long a statement waits for a lock held by another connection. The default value is 10 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
