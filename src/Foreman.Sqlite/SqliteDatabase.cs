using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>Opens connections to the store's file with the settings every connection needs, and checks them.</summary>
internal sealed partial class SqliteDatabase
{
    private const int SqliteNotADatabase = 26;
    private const int SqliteCorrupt = 11;

    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly SqliteSynchronousMode _synchronous;

    public SqliteDatabase(string path, SqliteSynchronousMode synchronous, TimeSpan busyTimeout)
    {
        Path = path;
        _synchronous = synchronous;
        _busyTimeoutMilliseconds = (int)Math.Min(int.MaxValue, busyTimeout.TotalMilliseconds);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // The store keeps its own long-lived connections; pooling would keep the file open after disposal.
            Pooling = false,

            // Microsoft.Data.Sqlite retries busy statements until this many seconds pass, on top of SQLite's own
            // busy_timeout; keep both to the configured bound.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Opens the writer's connection, switches the file to WAL and checks the pragmas took effect.</summary>
    /// <returns>The open connection.</returns>
    public SqliteConnection OpenWriter()
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = Open(queryOnly: false);
        try
        {
            var mode = Scalar(connection, "PRAGMA journal_mode = WAL");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite could not switch '{Path}' to write-ahead logging (journal_mode is '{mode}'). The store needs WAL for " +
                    "durable commits that readers and other processes do not block; the file system may not support it " +
                    "(network and some virtual file systems do not). Put the database on a local disk.");
            }

            var expected = _synchronous == SqliteSynchronousMode.Full ? "2" : "1";
            var actual = Scalar(connection, "PRAGMA synchronous");
            if (!string.Equals(actual, expected, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"SQLite did not accept synchronous={_synchronous} on '{Path}' (it reports {actual}).");
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Reads back the journal mode and synchronous level of a connection.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>What SQLite reports.</returns>
    public (string JournalMode, SqliteSynchronousMode Synchronous) ReadDurability(SqliteConnection connection)
    {
        var mode = Scalar(connection, "PRAGMA journal_mode") ?? string.Empty;
        var level = Scalar(connection, "PRAGMA synchronous");
        return (mode, level switch
        {
            "2" => SqliteSynchronousMode.Full,
            "1" => SqliteSynchronousMode.Normal,
            _ => throw new InvalidOperationException($"SQLite reports synchronous={level} on '{Path}', neither FULL nor NORMAL."),
        });
    }

    /// <summary>Opens a connection for reading only.</summary>
    /// <returns>The open connection.</returns>
    public SqliteConnection OpenReader() => Open(queryOnly: true);

    /// <summary>Whether SQLite says the file is not a database, or a damaged one.</summary>
    /// <param name="exception">The error.</param>
    /// <returns><see langword="true"/> for those errors.</returns>
    public static bool IsNotADatabase(SqliteException exception) => exception.SqliteErrorCode is SqliteNotADatabase or SqliteCorrupt;

    /// <summary>An error that says the file is not a usable database.</summary>
    /// <param name="exception">SQLite's error.</param>
    /// <returns>The error to throw.</returns>
    public InvalidOperationException NotADatabase(SqliteException exception) =>
        new($"The file '{Path}' is not a SQLite database or is damaged: {exception.Message}", exception);

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open(bool queryOnly)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();

            // Pragmas take no parameters; the values are integers formatted here, never user text.
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}"));
            Execute(connection, _synchronous == SqliteSynchronousMode.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            if (queryOnly)
            {
                Execute(connection, "PRAGMA query_only = ON");
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
