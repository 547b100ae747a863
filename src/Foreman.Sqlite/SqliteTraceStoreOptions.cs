namespace Foreman.Sqlite;

/// <summary>Options of the <see cref="SqliteTraceStore"/>.</summary>
public sealed class SqliteTraceStoreOptions
{
    /// <summary>Gets or sets the database file: the workflow store's, so traces sit next to their runs.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>Gets or sets how long a run's trace is kept after it ended. The default value is 30 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets how often appends prune runs older than <see cref="Retention"/>. The default value is 1 hour.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the clock retention is measured with. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets how long a statement waits for a lock held by another connection. The default value is 10 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
