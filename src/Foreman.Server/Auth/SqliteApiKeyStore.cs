using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Foreman.Server.Auth;

/// <summary>
/// API keys in a SQLite file (normally the workflow database, next to the runs they act on). Stores the key id,
/// name, role, times and the SHA-256 of the key; never the key. Thread-safe: each call uses its own pooled connection.
/// </summary>
/// <param name="databasePath">The database file.</param>
public sealed class SqliteApiKeyStore(string databasePath) : IApiKeyStore
{
    private const string Columns = "key_id, name, role, created_at, revoked_at";

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath ?? throw new ArgumentNullException(nameof(databasePath)),
        Mode = SqliteOpenMode.ReadWriteCreate,
        DefaultTimeout = 10,
        Pooling = true,
    }.ToString();

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA busy_timeout = 10000;
            CREATE TABLE IF NOT EXISTS foreman_api_keys (
                key_id     TEXT PRIMARY KEY,
                name       TEXT NOT NULL,
                role       INTEGER NOT NULL,
                key_hash   TEXT NOT NULL,
                created_at TEXT NOT NULL,
                revoked_at TEXT NULL
            );
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CreatedApiKey> CreateAsync(string name, Role role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        }

        var (keyId, secret) = ApiKeySecret.Generate();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO foreman_api_keys (key_id, name, role, key_hash, created_at) VALUES ($id, $name, $role, $hash, $created)";
        command.Parameters.AddWithValue("$id", keyId);
        command.Parameters.AddWithValue("$name", name.Trim());
        command.Parameters.AddWithValue("$role", (int)role);
        command.Parameters.AddWithValue("$hash", ApiKeySecret.Hash(secret));
        command.Parameters.AddWithValue("$created", Format(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new CreatedApiKey(new ApiKeyInfo { KeyId = keyId, Name = name.Trim(), Role = role, CreatedAt = now }, secret);
    }

    /// <inheritdoc />
    public async Task<ApiKeyInfo?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!ApiKeySecret.TryGetKeyId(secret, out var keyId))
        {
            return null;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns}, key_hash FROM foreman_api_keys WHERE key_id = $id";
        command.Parameters.AddWithValue("$id", keyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var key = Read(reader);
        return key.IsActive && ApiKeySecret.HashesEqual(reader.GetString(5), ApiKeySecret.Hash(secret)) ? key : null;
    }

    /// <inheritdoc />
    public async Task<ApiKeyInfo?> GetAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM foreman_api_keys WHERE key_id = $id";
        command.Parameters.AddWithValue("$id", keyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM foreman_api_keys ORDER BY created_at, key_id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    /// <inheritdoc />
    public async Task<ApiKeyInfo?> RevokeAsync(string keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var connection = await OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            // Only the first revocation sets the time; a repeat is a no-op.
            command.CommandText = "UPDATE foreman_api_keys SET revoked_at = $now WHERE key_id = $id AND revoked_at IS NULL";
            command.Parameters.AddWithValue("$id", keyId);
            command.Parameters.AddWithValue("$now", Format(now));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return await GetAsync(keyId, cancellationToken);
    }

    private static ApiKeyInfo Read(SqliteDataReader reader) => new()
    {
        KeyId = reader.GetString(0),
        Name = reader.GetString(1),
        Role = (Role)reader.GetInt32(2),
        CreatedAt = Parse(reader.GetString(3)),
        RevokedAt = reader.IsDBNull(4) ? null : Parse(reader.GetString(4)),
    };

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
