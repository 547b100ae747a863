using System.Collections.Concurrent;

namespace Foreman.Sqlite;

/// <summary>
/// A few read-only connections shared by readers. In WAL mode readers see the last committed state and never
/// block the writer, so reads do not queue behind the group commit.
/// </summary>
internal sealed class ReaderPool : IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly int _size;
    private readonly SemaphoreSlim _permits;
    private readonly ConcurrentBag<ReadConnection> _idle = [];
    private int _disposed;

    public ReaderPool(SqliteDatabase database, int size)
    {
        _database = database;
        _size = size;
        _permits = new SemaphoreSlim(size, size);
    }

    /// <summary>Runs <paramref name="read"/> on a pooled connection.</summary>
    /// <typeparam name="TState">The read's arguments.</typeparam>
    /// <typeparam name="TResult">The read's result.</typeparam>
    /// <param name="state">The arguments.</param>
    /// <param name="read">The read; it runs synchronously (SQLite has no asynchronous I/O).</param>
    /// <param name="cancellationToken">Cancels waiting for a connection.</param>
    /// <returns>The result.</returns>
    public async Task<TResult> ReadAsync<TState, TResult>(TState state, Func<ReadConnection, TState, TResult> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _permits.WaitAsync(cancellationToken);
        ReadConnection? connection = null;
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (!_idle.TryTake(out connection))
            {
                connection = new ReadConnection(_database.OpenReader());
            }

            return read(connection, state);
        }
        finally
        {
            if (connection is not null)
            {
                _idle.Add(connection);
            }

            _permits.Release();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Wait for reads in flight to hand their connections back before closing them.
        for (var i = 0; i < _size; i++)
        {
            _permits.Wait();
        }

        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }

        _permits.Dispose();
    }
}
