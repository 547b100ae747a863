using System.Data.Common;

namespace Foreman.Server.Auth;

/// <summary>
/// API keys in a SQL table: what <see cref="SqliteApiKeyStore"/> and <see cref="PostgresApiKeyStore"/> share. Each
/// store supplies its connections, its table and how it stores times; the statements and the rules (validation,
/// hashing, first revocation wins) are written once here. Stores the key id, name, role, times and the SHA-256 of the
/// key; never the key. Thread-safe: each call uses its own pooled connection.
/// </summary>
public abstract class SqlApiKeyStore : IApiKeyStore
{
    private const string Columns = "key_id, name, role, created_at, revoked_at";

    private readonly string _table;

    // Only this assembly's stores derive: the members they implement are not a public extension point.
    private protected SqlApiKeyStore(string table) => _table = table;

    /// <inheritdoc />
    public abstract Task InitializeAsync(CancellationToken cancellationToken);

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
        await using var command = Command(connection, $"INSERT INTO {_table} (key_id, name, role, key_hash, created_at) VALUES (@id, @name, @role, @hash, @created)");
        Add(command, "@id", keyId);
        Add(command, "@name", name.Trim());
        Add(command, "@role", (int)role);
        Add(command, "@hash", ApiKeySecret.Hash(secret));
        Add(command, "@created", StoredTime(now));
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
        await using var command = Command(connection, $"SELECT {Columns}, key_hash FROM {_table} WHERE key_id = @id");
        Add(command, "@id", keyId);
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
        await using var command = Command(connection, $"SELECT {Columns} FROM {_table} WHERE key_id = @id");
        Add(command, "@id", keyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {Columns} FROM {_table} ORDER BY created_at, key_id");
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
        await using (var command = Command(connection, $"UPDATE {_table} SET revoked_at = @now WHERE key_id = @id AND revoked_at IS NULL"))
        {
            // Only the first revocation sets the time; a repeat is a no-op.
            Add(command, "@id", keyId);
            Add(command, "@now", StoredTime(now));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return await GetAsync(keyId, cancellationToken);
    }

    /// <summary>Opens a connection to the store's database.</summary>
    private protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A time as the store's column keeps it.</summary>
    private protected abstract object StoredTime(DateTimeOffset time);

    /// <summary>Reads a time the store's column keeps.</summary>
    private protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    private static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private ApiKeyInfo Read(DbDataReader reader) => new()
    {
        KeyId = reader.GetString(0),
        Name = reader.GetString(1),
        Role = (Role)reader.GetInt32(2),
        CreatedAt = ReadTime(reader, 3),
        RevokedAt = reader.IsDBNull(4) ? null : ReadTime(reader, 4),
    };
}
