using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite;

/// <summary>
/// The writer's connection and its prepared statements. Only the group-commit writer thread uses it. Every
/// write validates against the current row inside the batch's <c>BEGIN IMMEDIATE</c> transaction, which holds
/// the database's write lock, so no other writer (thread or process) can change a row between check and write.
/// </summary>
internal sealed partial class WriterSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly List<PreparedStatement> _statements = [];
    private readonly PreparedStatement _begin;
    private readonly PreparedStatement _commit;
    private readonly PreparedStatement _rollback;
    private readonly PreparedStatement _savepoint;
    private readonly PreparedStatement _release;
    private readonly PreparedStatement _rollbackToSavepoint;

    public WriterSession(SqliteConnection connection)
    {
        _connection = connection;

        // Transactions are driven with SQL rather than SqliteTransaction so the reused commands need no
        // per-batch Transaction assignment.
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
        _savepoint = Prepare("SAVEPOINT write_item");
        _release = Prepare("RELEASE write_item");
        _rollbackToSavepoint = Prepare("ROLLBACK TO write_item");
    }

    /// <summary>Gets a value indicating whether a transaction is open (SQLite rolls back by itself on some errors).</summary>
    public bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0;

    public void Begin() => _begin.Execute();

    public void Commit() => _commit.Execute();

    /// <summary>Rolls back the open transaction, if SQLite has not already.</summary>
    public void Rollback()
    {
        if (InTransaction)
        {
            _rollback.Execute();
        }
    }

    /// <summary>Marks the start of one operation within the batch, so a failing one can be undone alone.</summary>
    public void BeginItem() => _savepoint.Execute();

    public void EndItem() => _release.Execute();

    public void UndoItem()
    {
        _rollbackToSavepoint.Execute();
        _release.Execute();
    }

    public void Dispose()
    {
        foreach (var statement in _statements)
        {
            statement.Dispose();
        }

        _connection.Dispose();
    }

    /// <summary>Compiles a statement once; the partial files keep each statement's SQL next to its use.</summary>
    private PreparedStatement Prepare(string sql, params ReadOnlySpan<string> parameters)
    {
        var statement = new PreparedStatement(_connection, sql, parameters);
        _statements.Add(statement);
        return statement;
    }
}
