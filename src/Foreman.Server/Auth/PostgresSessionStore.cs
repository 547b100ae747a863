using System.Text.RegularExpressions;
using Npgsql;

namespace Foreman.Server.Auth;

/// <summary>
/// Dashboard sessions in a PostgreSQL schema (normally the one holding the runs), so a session opened on one server
/// node is accepted by every other node on that database, and signing out or revoking the key ends it on all of
/// them. Stores the SHA-256 of each token, never the token. Thread-safe: each call uses its own pooled connection.
/// </summary>
public sealed partial class PostgresSessionStore : ISessionStore, IAsyncDisposable
{
    private const string Columns = "token_hash, key_id, role, created_at, last_seen_at, expires_at, absolute_expires_at";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _table;

    /// <summary>Initializes a new instance of the <see cref="PostgresSessionStore"/> class.</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="schema">The schema of the table (a plain lower-case identifier).</param>
    public PostgresSessionStore(string connectionString, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (schema is null || !Identifier().IsMatch(schema))
        {
            throw new ArgumentException("The schema must be a plain lower-case identifier.", nameof(schema));
        }

        _dataSource = NpgsqlDataSource.Create(connectionString);
        _schema = schema;
        _table = $"\"{schema}\".dashboard_sessions";
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // IF NOT EXISTS is not race-free between nodes starting at once; the transaction-scoped advisory lock is.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock(hashtext('foreman.dashboard_sessions.' || @schema));
            CREATE SCHEMA IF NOT EXISTS "{_schema}";
            CREATE TABLE IF NOT EXISTS {_table} (
                token_hash          text PRIMARY KEY,
                key_id              text NOT NULL,
                role                integer NOT NULL,
                created_at          timestamptz NOT NULL,
                last_seen_at        timestamptz NOT NULL,
                expires_at          timestamptz NOT NULL,
                absolute_expires_at timestamptz NOT NULL
            );
            CREATE INDEX IF NOT EXISTS dashboard_sessions_key ON {_table} (key_id);
            CREATE INDEX IF NOT EXISTS dashboard_sessions_expiry ON {_table} (expires_at);
            """, connection, transaction);
        command.Parameters.AddWithValue("schema", _schema);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task CreateAsync(StoredSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var command = _dataSource.CreateCommand($"INSERT INTO {_table} ({Columns}) VALUES (@hash, @key, @role, @created, @seen, @expires, @absolute)");
        command.Parameters.AddWithValue("hash", session.TokenHash);
        command.Parameters.AddWithValue("key", session.KeyId);
        command.Parameters.AddWithValue("role", (int)session.Role);
        command.Parameters.AddWithValue("created", session.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue("seen", session.LastSeenAt.ToUniversalTime());
        command.Parameters.AddWithValue("expires", session.ExpiresAt.ToUniversalTime());
        command.Parameters.AddWithValue("absolute", session.AbsoluteExpiresAt.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredSession?> FindAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {Columns} FROM {_table} WHERE token_hash = @hash AND expires_at > @now");
        command.Parameters.AddWithValue("hash", tokenHash);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredSession
        {
            TokenHash = reader.GetString(0),
            KeyId = reader.GetString(1),
            Role = (Role)reader.GetInt32(2),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
            LastSeenAt = reader.GetFieldValue<DateTimeOffset>(4),
            ExpiresAt = reader.GetFieldValue<DateTimeOffset>(5),
            AbsoluteExpiresAt = reader.GetFieldValue<DateTimeOffset>(6),
        };
    }

    /// <inheritdoc />
    public async Task<bool> TouchAsync(string tokenHash, DateTimeOffset lastSeenAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        // GREATEST: two nodes touching at once must not move the expiry backwards.
        await using var command = _dataSource.CreateCommand($"UPDATE {_table} SET last_seen_at = GREATEST(last_seen_at, @seen), expires_at = GREATEST(expires_at, @expires) WHERE token_hash = @hash");
        command.Parameters.AddWithValue("hash", tokenHash);
        command.Parameters.AddWithValue("seen", lastSeenAt.ToUniversalTime());
        command.Parameters.AddWithValue("expires", expiresAt.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> RevokeAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"DELETE FROM {_table} WHERE token_hash = @hash");
        command.Parameters.AddWithValue("hash", tokenHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async Task<int> RevokeAllForKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"DELETE FROM {_table} WHERE key_id = @key");
        command.Parameters.AddWithValue("key", keyId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"DELETE FROM {_table} WHERE expires_at <= @now");
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
