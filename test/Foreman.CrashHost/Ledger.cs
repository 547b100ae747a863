using Microsoft.Data.Sqlite;

namespace Foreman.CrashHost;

/// <summary>
/// An append-only ledger in its own SQLite file. An entry's identity is the idempotency key (UNIQUE); appending a key
/// that exists books nothing, returns the booked amount, and records the attempt in <c>replays</c>, so a test can
/// count re-executions. Nothing else is unique: an entry booked twice under two different keys (a broken key) would
/// show up as two rows for the same workflow and step. Thread-safe.
/// </summary>
public sealed class Ledger : IDisposable
{
    private const int SqliteConstraint = 19;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _writer;

    /// <summary>Opens (creating when missing) the ledger.</summary>
    /// <param name="path">The file.</param>
    /// <param name="writer">Who writes (the worker process), recorded with each row.</param>
    public Ledger(string path, string writer)
    {
        _writer = writer;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        _connection.Open();

        // WAL with synchronous=NORMAL survives a killed process (the failure under test); it would not survive a power cut.
        Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS entries (
                idempotency_key TEXT    NOT NULL UNIQUE,
                workflow        INTEGER NOT NULL,
                step            INTEGER NOT NULL,
                amount          INTEGER NOT NULL,
                writer          TEXT    NOT NULL
            );
            CREATE TABLE IF NOT EXISTS replays (
                idempotency_key TEXT    NOT NULL,
                writer          TEXT    NOT NULL
            );
            """);
    }

    /// <summary>Books an entry once per key; returns the amount booked under the key.</summary>
    /// <param name="idempotencyKey">The step's key.</param>
    /// <param name="workflow">The workflow's number.</param>
    /// <param name="step">The step's number.</param>
    /// <param name="amount">The amount.</param>
    /// <param name="cancellationToken">Cancels the wait for the ledger.</param>
    /// <returns>The amount on the ledger for this key.</returns>
    public async Task<long> AppendAsync(string idempotencyKey, int workflow, int step, long amount, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT INTO entries (idempotency_key, workflow, step, amount, writer) VALUES ($key, $workflow, $step, $amount, $writer)";
            insert.Parameters.AddWithValue("$key", idempotencyKey);
            insert.Parameters.AddWithValue("$workflow", workflow);
            insert.Parameters.AddWithValue("$step", step);
            insert.Parameters.AddWithValue("$amount", amount);
            insert.Parameters.AddWithValue("$writer", _writer);
            try
            {
                insert.ExecuteNonQuery();
                return amount;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
            {
                // The step ran before and its effect is on the ledger, but its result never reached the journal
                // (the worker died in between): count the re-execution and answer with what was booked.
                using var replay = _connection.CreateCommand();
                replay.CommandText = "INSERT INTO replays (idempotency_key, writer) VALUES ($key, $writer); SELECT amount FROM entries WHERE idempotency_key = $key";
                replay.Parameters.AddWithValue("$key", idempotencyKey);
                replay.Parameters.AddWithValue("$writer", _writer);
                return (long)replay.ExecuteScalar()!;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
