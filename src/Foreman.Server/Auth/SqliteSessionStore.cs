using Microsoft.Data.Sqlite;

namespace Foreman.Server.Auth;

/// <summary>
/// Dashboard sessions in a SQLite file (normally the workflow database), so a restart keeps people signed in. Stores
/// the SHA-256 of each token, never the token. Times are Unix milliseconds (UTC), so expiry compares as integers.
/// Thread-safe: each call uses its own pooled connection.
/// </summary>
/// <param name="databasePath">The database file.</param>
public sealed class SqliteSessionStore(string databasePath) : ISessionStore
{
    private const string Columns = "token_hash, key_id, role, created_at, last_seen_at, expires_at, absolute_expires_at";

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath ?? throw new ArgumentNullException(nameof(databasePath)),
        Mode = SqliteOpenMode.ReadWriteCreate,
        DefaultTimeout = 10,
        Pooling = true,
    }.ToString();

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync(
            """
            PRAGMA busy_timeout = 10000;
            CREATE TABLE IF NOT EXISTS foreman_dashboard_sessions (
                token_hash          TEXT PRIMARY KEY,
                key_id              TEXT NOT NULL,
                role                INTEGER NOT NULL,
                created_at          INTEGER NOT NULL,
                last_seen_at        INTEGER NOT NULL,
                expires_at          INTEGER NOT NULL,
                absolute_expires_at INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS foreman_dashboard_sessions_key ON foreman_dashboard_sessions (key_id);
            CREATE INDEX IF NOT EXISTS foreman_dashboard_sessions_expiry ON foreman_dashboard_sessions (expires_at);
            """,
            _ => { },
            cancellationToken);

    /// <inheritdoc />
    public async Task CreateAsync(StoredSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await ExecuteAsync(
            $"INSERT INTO foreman_dashboard_sessions ({Columns}) VALUES ($hash, $key, $role, $created, $seen, $expires, $absolute)",
            p =>
            {
                p.AddWithValue("$hash", session.TokenHash);
                p.AddWithValue("$key", session.KeyId);
                p.AddWithValue("$role", (int)session.Role);
                p.AddWithValue("$created", session.CreatedAt.ToUnixTimeMilliseconds());
                p.AddWithValue("$seen", session.LastSeenAt.ToUnixTimeMilliseconds());
                p.AddWithValue("$expires", session.ExpiresAt.ToUnixTimeMilliseconds());
                p.AddWithValue("$absolute", session.AbsoluteExpiresAt.ToUnixTimeMilliseconds());
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredSession?> FindAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM foreman_dashboard_sessions WHERE token_hash = $hash AND expires_at > $now";
        command.Parameters.AddWithValue("$hash", tokenHash);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
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
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
            LastSeenAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
            AbsoluteExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        };
    }

    /// <inheritdoc />
    public async Task<bool> TouchAsync(string tokenHash, DateTimeOffset lastSeenAt, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "UPDATE foreman_dashboard_sessions SET last_seen_at = MAX(last_seen_at, $seen), expires_at = MAX(expires_at, $expires) WHERE token_hash = $hash",
            p =>
            {
                p.AddWithValue("$hash", tokenHash);
                p.AddWithValue("$seen", lastSeenAt.ToUnixTimeMilliseconds());
                p.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
            },
            cancellationToken) > 0;

    /// <inheritdoc />
    public async Task<bool> RevokeAsync(string tokenHash, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM foreman_dashboard_sessions WHERE token_hash = $hash", p => p.AddWithValue("$hash", tokenHash), cancellationToken) > 0;

    /// <inheritdoc />
    public Task<int> RevokeAllForKeyAsync(string keyId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM foreman_dashboard_sessions WHERE key_id = $key", p => p.AddWithValue("$key", keyId), cancellationToken);

    /// <inheritdoc />
    public Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM foreman_dashboard_sessions WHERE expires_at <= $now", p => p.AddWithValue("$now", now.ToUnixTimeMilliseconds()), cancellationToken);

    private async Task<int> ExecuteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
