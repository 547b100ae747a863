namespace Foreman.Postgres;

/// <summary>Options of a <see cref="PostgresQualityStore"/> or a <see cref="PostgresAlertStore"/>.</summary>
public sealed class PostgresObservabilityStoreOptions
{
    /// <summary>Gets or sets the Npgsql connection string. Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the schema that holds the tables, normally the workflow store's. The default value is <c>foreman</c>.</summary>
    public string Schema { get; set; } = "foreman";
}
