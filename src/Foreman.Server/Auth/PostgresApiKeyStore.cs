using System.Text.RegularExpressions;
using Npgsql;

namespace Foreman.Server.Auth;

/// <summary>
/// API keys in a PostgreSQL schema (normally the one holding the runs), so every server node on that database accepts
/// the same keys. Stores the key id, name, role, times and the SHA-256 of the key; never the key. Thread-safe: each
/// call uses its own pooled connection.
/// </summary>
public sealed partial class PostgresApiKeyStore : IApiKeyStore, IAsyncDisposable
{
    private const string Columns = "key_id, name, role, created_at, revoked_at";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;

    /// <summary>Initializes a new instance of the <see cref="PostgresApiKeyStore"/> class.</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="schema">The schema of the table (a plain lower-case identifier).</param>
    public PostgresApiKeyStore(string connectionString, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (schema is null || !Identifier().IsMatch(schema))
        {
            throw new ArgumentException("The schema must be a plain lower-case identifier.", nameof(schema));
        }

        _dataSource = NpgsqlDataSource.Create(connectionString);
        _table = $"\"{schema}\".api_keys";
        Schema = schema;
    }

    private string Schema { get; }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
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
    public async Task<CreatedApiKey> CreateAsync(string name, Role role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        }

        var (keyId, secret) = ApiKeySecret.Generate();
        await using var command = _dataSource.CreateCommand($"INSERT INTO {_table} (key_id, name, role, key_hash, created_at) VALUES (@id, @name, @role, @hash, @created)");
        command.Parameters.AddWithValue("id", keyId);
        command.Parameters.AddWithValue("name", name.Trim());
        command.Parameters.AddWithValue("role", (int)role);
        command.Parameters.AddWithValue("hash", ApiKeySecret.Hash(secret));
        command.Parameters.AddWithValue("created", now.ToUniversalTime());
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

        await using var command = _dataSource.CreateCommand($"SELECT {Columns}, key_hash FROM {_table} WHERE key_id = @id");
        command.Parameters.AddWithValue("id", keyId);
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
        await using var command = _dataSource.CreateCommand($"SELECT {Columns} FROM {_table} WHERE key_id = @id");
        command.Parameters.AddWithValue("id", keyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {Columns} FROM {_table} ORDER BY created_at, key_id");
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
        // Only the first revocation sets the time; a repeat is a no-op.
        await using (var command = _dataSource.CreateCommand($"UPDATE {_table} SET revoked_at = @now WHERE key_id = @id AND revoked_at IS NULL"))
        {
            command.Parameters.AddWithValue("id", keyId);
            command.Parameters.AddWithValue("now", now.ToUniversalTime());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return await GetAsync(keyId, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static ApiKeyInfo Read(NpgsqlDataReader reader) => new()
    {
        KeyId = reader.GetString(0),
        Name = reader.GetString(1),
        Role = (Role)reader.GetInt32(2),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
        RevokedAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
    };

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
