using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Foreman.Server.Auth;

/// <summary>
/// API keys in a SQLite file (normally the workflow database, next to the runs they act on). Times are stored as
/// ISO 8601 UTC text. Thread-safe: each call uses its own pooled connection.
/// </summary>
/// <param name="databasePath">The database file.</param>
public sealed class SqliteApiKeyStore(string databasePath) : SqlApiKeyStore("foreman_api_keys")
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath ?? throw new ArgumentNullException(nameof(databasePath)),
        Mode = SqliteOpenMode.ReadWriteCreate,
        DefaultTimeout = 10,
        Pooling = true,
    }.ToString();

    /// <inheritdoc />
    public override async Task InitializeAsync(CancellationToken cancellationToken)
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
    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <inheritdoc />
    private protected override object StoredTime(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    private protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
