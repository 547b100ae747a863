using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;

namespace Foreman.Server.Auth;

/// <summary>
/// API keys in a PostgreSQL schema (normally the one holding the runs), so every server node on that database accepts
/// the same keys. Stores the key id, name, role, times and the SHA-256 of the key; never the key. Thread-safe: each
/// call uses its own pooled connection.
/// </summary>
public sealed partial class PostgresApiKeyStore : SqlApiKeyStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;

    /// <summary>Initializes a new instance of the <see cref="PostgresApiKeyStore"/> class.</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="schema">The schema of the table (a plain lower-case identifier).</param>
    public PostgresApiKeyStore(string connectionString, string schema)
        : base(Table(schema))
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _table = Table(schema);
        Schema = schema;
    }

    private string Schema { get; }

    /// <inheritdoc />
    public override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // IF NOT EXISTS is not race-free between nodes starting at once; the transaction-scoped advisory lock is.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock(hashtext('foreman.api_keys.' || @schema));
            CREATE SCHEMA IF NOT EXISTS "{Schema}";
            CREATE TABLE IF NOT EXISTS {_table} (
                key_id     text PRIMARY KEY,
                name       text NOT NULL,
                role       integer NOT NULL,
                key_hash   text NOT NULL,
                created_at timestamptz NOT NULL,
                revoked_at timestamptz NULL
            );
            """, connection, transaction);
        command.Parameters.AddWithValue("schema", Schema);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <inheritdoc />
    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    private protected override object StoredTime(DateTimeOffset time) => time.ToUniversalTime();

    /// <inheritdoc />
    private protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static string Table(string schema) => schema is not null && Identifier().IsMatch(schema)
        ? $"\"{schema}\".api_keys"
        : throw new ArgumentException("The schema must be a plain lower-case identifier.", nameof(schema));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
