using Npgsql;

namespace Foreman.Postgres;

/// <summary>
/// One connection per store that LISTENs on the store's channel and calls the subscribers on each notification. When
/// the connection breaks (server restart, network), it reconnects after a delay and wakes everyone once, since
/// notifications sent meanwhile are lost; the workers' polling covers the gap.
/// </summary>
internal sealed class PostgresWakeListener(string connectionString, string channel, TimeSpan reconnectDelay) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action[] _subscribers = [];
    private Task? _loop;

    /// <summary>Gets a task that completes once the connection listens for the first time.</summary>
    public Task Listening => _listening.Task;

    public void Start() => _loop = Task.Run(() => ListenAsync(_stop.Token));

    public IDisposable Subscribe(Action wake)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, wake];
        }

        return new Subscription(this, wake);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stopping);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN \"{channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                // Whatever was announced while we were not listening is lost: look once.
                _listening.TrySetResult();
                Wake();
                while (true)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure of the listening connection (server gone, network) is retried; polling covers the gap.
            catch (Exception)
#pragma warning restore CA1031
            {
                try
                {
                    await Task.Delay(reconnectDelay, TimeProvider.System, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Wake()
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber();
        }
    }

    private void Unsubscribe(Action wake)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != wake)];
        }
    }

    private sealed class Subscription(PostgresWakeListener owner, Action wake) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(wake);
            }
        }
    }
}
