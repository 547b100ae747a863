namespace Foreman.Cli.Workflows;

/// <summary>The durable store a command was pointed at: a SQLite file or a PostgreSQL database and schema.</summary>
/// <param name="Kind"><see cref="StoreKindOption.Sqlite"/> or <see cref="StoreKindOption.Postgres"/>.</param>
/// <param name="DatabasePath">The SQLite file (SQLite only).</param>
/// <param name="ConnectionString">The Npgsql connection string (PostgreSQL only).</param>
/// <param name="Schema">The PostgreSQL schema.</param>
/// <param name="Error">Why the options do not name a usable store, or <see langword="null"/>.</param>
internal sealed record StoreTarget(string Kind, string? DatabasePath, string? ConnectionString, string Schema, string? Error = null)
{
    public bool IsPostgres => Kind == StoreKindOption.Postgres;

    /// <summary>Gets where the data lives, for people: the file, or host, database and schema (never a password).</summary>
    public string Description
    {
        get
        {
            if (!IsPostgres)
            {
                return DatabasePath ?? "(no file)";
            }

            try
            {
                var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
                return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database} schema {Schema}";
            }
            catch (ArgumentException)
            {
                return $"PostgreSQL schema {Schema}";
            }
        }
    }

    /// <summary>Gets the options that point another command at the same store (the connection string is left out: it may hold a password).</summary>
    public string CommandLine => IsPostgres
        ? $"--store postgres --connection \"…\"{(Schema == StoreSelection.DefaultSchema ? string.Empty : $" --schema {Schema}")}"
        : $"--db {DatabasePath}";
}
