namespace Foreman.Postgres;

/// <summary>Options of a <see cref="PostgresWorkflowStore"/>.</summary>
public sealed class PostgresWorkflowStoreOptions
{
    /// <summary>
    /// Gets or sets the Npgsql connection string, for example
    /// <c>Host=db.internal;Database=foreman;Username=foreman;Password=…</c>. Required.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the schema that holds Foreman's tables; several independent Foreman installations may share one
    /// database under different schemas. Lower-case letters, digits and underscores. The default value is <c>foreman</c>.
    /// </summary>
    public string Schema { get; set; } = "foreman";

    /// <summary>
    /// Gets or sets a value indicating whether the store keeps a connection that listens for wake-ups (LISTEN/NOTIFY),
    /// so workers learn at once that runs became ready in another process. The default value is <see langword="true"/>.
    /// </summary>
    public bool ListenForWakeUps { get; set; } = true;

    /// <summary>
    /// Gets or sets how long the listening connection waits before reconnecting after it lost the server. The default
    /// value is 1 second.
    /// </summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the most step commits sent together in one transaction (group commit); 1 sends each alone. The
    /// default value is 64.
    /// </summary>
    public int MaxBatchSize { get; set; } = 64;
}
