using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite.Tests;

/// <summary>
/// Another "process" holding the database's write lock: the store's writer blocks in <c>BEGIN IMMEDIATE</c>
/// until it is released, which lets a test queue writes into one batch deterministically.
/// </summary>
internal sealed class ExternalWriteLock : IDisposable
{
    private readonly SqliteConnection _connection;
    private bool _released;

    public ExternalWriteLock(string path)
    {
        _connection = RawDatabase.Open(path);
        RawDatabase.Execute(_connection, "BEGIN IMMEDIATE");
    }

    public void Release()
    {
        if (!_released)
        {
            _released = true;
            RawDatabase.Execute(_connection, "COMMIT");
        }
    }

    public void Dispose()
    {
        Release();
        _connection.Dispose();
    }
}
