namespace Foreman.Postgres;

/// <summary>Options of a <see cref="PostgresTraceStore"/>.</summary>
public sealed class PostgresTraceStoreOptions
{
    /// <summary>Gets or sets the Npgsql connection string. Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the schema that holds the trace tables, normally the workflow store's, so traces sit next to their runs. The default value is <c>foreman</c>.</summary>
    public string Schema { get; set; } = "foreman";

    /// <summary>Gets or sets how long a run's trace is kept after it ended. The default value is 30 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets how often appends prune runs older than <see cref="Retention"/> (each node on its own). The default value is 1 hour.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the clock retention is measured with. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
