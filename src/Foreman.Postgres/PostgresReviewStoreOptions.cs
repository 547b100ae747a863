namespace Foreman.Postgres;

/// <summary>Options of a <see cref="PostgresReviewStore"/>.</summary>
public sealed class PostgresReviewStoreOptions
{
    /// <summary>Gets or sets the Npgsql connection string. Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the schema that holds the review tables, normally the workflow store's. The default value is <c>foreman</c>.</summary>
    public string Schema { get; set; } = "foreman";
}
