using System.Collections.Concurrent;
using Foreman.Workflows.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Foreman.Postgres;

/// <summary>
/// Group commit for step commits: the step commits that arrive while a batch is on its way to the server go together
/// in the next one (one <see cref="NpgsqlBatch"/>, one round trip, one transaction, one WAL flush). A caller's commit is
/// durable before its call returns, as with a commit of its own.
/// </summary>
/// <remarks>
/// <para>At most a few batches are on their way at a time, so under load each holds what queued while the others
/// travelled. Nobody waits for a timer: a caller that finds a sender's role free sends a batch itself, on its own thread
/// (so one workflow at a time pays no thread hop), and whatever queued meanwhile is sent next from the thread pool.
/// Items are sent in run-id order, so two batches never wait for each other's rows in opposite orders.</para>
/// <para>A batch that fails with a server error (a deadlock with another writer, say) rolled back as a whole; its
/// commits are then sent one by one, so only a commit that fails on its own fails. A connection failure fails every
/// commit of the batch: whether it landed is unknown, exactly as for a single commit (the engine abandons the
/// execution and resumes the run from its journal).</para>
/// </remarks>
internal sealed class PostgresStepCommitter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _sql;
    private readonly int _maxBatch;
    private readonly ConcurrentQueue<Pending> _queue = new();
    // Batches on their way at once. One alone would serialize everything behind one round trip and one flush; a few
    // let the server overlap their flushes (its own group commit) while each still carries many commits under load.
    private const int MaxInFlight = 4;

    private int _senders;
    private volatile bool _disposed;

    public PostgresStepCommitter(NpgsqlDataSource dataSource, string sql, int maxBatch)
    {
        _dataSource = dataSource;
        _sql = sql;
        _maxBatch = maxBatch;
    }

    /// <summary>Gets the number of batches sent (telemetry for tests).</summary>
    public long Batches { get; private set; }

    /// <summary>Gets the number of commits sent in batches of more than one.</summary>
    public long Grouped { get; private set; }

    public async Task<CommitResult> CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(PostgresWorkflowStore));
        var pending = new Pending(commit);
        _queue.Enqueue(pending);
        if (TryAcquire())
        {
            // No batch on its way: this caller sends one (its own commit and whatever queued with it) right here.
            await SendBatchAsync();
            if (!_queue.IsEmpty || !Release())
            {
                // More queued while we sent: the thread pool sends it, and this caller returns.
                _ = Task.Run(DrainAsync, CancellationToken.None);
            }
        }

        return await pending.Result.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Waits for the batch on its way, so the connections can close under it.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (Volatile.Read(ref _senders) > 0 || !_queue.IsEmpty)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }
    }

    /// <summary>The 13 arguments of <c>commit_step</c>.</summary>
    public static void AddParameters(NpgsqlParameterCollection parameters, RunCommit commit)
    {
        var entry = commit.Entries[0];
        Add(parameters, NpgsqlDbType.Text, commit.RunId);
        Add(parameters, NpgsqlDbType.Bigint, commit.Epoch);
        Add(parameters, NpgsqlDbType.Bigint, StoredFormats.Time(commit.At));
        Add(parameters, NpgsqlDbType.Text, commit.BusinessState);
        Add(parameters, NpgsqlDbType.Integer, entry.Sequence);
        Add(parameters, NpgsqlDbType.Text, entry.Key);
        Add(parameters, NpgsqlDbType.Text, StoredFormats.Kind(entry.Kind));
        Add(parameters, NpgsqlDbType.Text, entry.Name);
        Add(parameters, NpgsqlDbType.Text, StoredFormats.State(entry.State));
        Add(parameters, NpgsqlDbType.Text, entry.Payload);
        Add(parameters, NpgsqlDbType.Integer, entry.Attempts);
        Add(parameters, NpgsqlDbType.Bigint, entry.DueAt is { } due ? StoredFormats.Time(due) : null);
        Add(parameters, NpgsqlDbType.Bigint, StoredFormats.Time(entry.RecordedAt));
    }

    private static void Add(NpgsqlParameterCollection parameters, NpgsqlDbType type, object? value) =>
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value ?? DBNull.Value });

    private static CommitResult Read(NpgsqlDataReader row) =>
        new((CommitStatus)row.GetInt32(0), row.GetInt64(1), StoredFormats.ParseStatus(row.GetString(2)));

    // Sends batches until the queue is empty, then gives up the sender's role.
    private async Task DrainAsync()
    {
        do
        {
            await SendBatchAsync();
        }
        while (!_queue.IsEmpty || !Release());
    }

    /// <summary>Takes a sender's role if fewer than <see cref="MaxInFlight"/> batches are on their way.</summary>
    private bool TryAcquire()
    {
        while (true)
        {
            var senders = Volatile.Read(ref _senders);
            if (senders >= MaxInFlight)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _senders, senders + 1, senders) == senders)
            {
                return true;
            }
        }
    }

    /// <summary>Gives up a sender's role; returns false when it took one back for a commit that queued meanwhile.</summary>
    private bool Release()
    {
        Interlocked.Decrement(ref _senders);

        // A commit queued between the last look and the release found every sender busy and waits for one: take a
        // role back and send it (unless another sender or its own caller got there first).
        return _queue.IsEmpty || !TryAcquire();
    }

    private async Task SendBatchAsync()
    {
        var batch = new List<Pending>(Math.Min(_maxBatch, 16));
        while (batch.Count < _maxBatch && _queue.TryDequeue(out var item))
        {
            batch.Add(item);
        }

        if (batch.Count == 1)
        {
            await SendAloneAsync(batch[0]);
        }
        else if (batch.Count > 1)
        {
            await SendTogetherAsync(batch);
        }
    }

    private async Task SendAloneAsync(Pending item)
    {
        try
        {
            await using var command = new NpgsqlCommand(_sql);
            AddParameters(command.Parameters, item.Commit);
            await using var row = await _dataSource.ExecutePreparedReaderAsync(command, CancellationToken.None);
            await row.ReadAsync(CancellationToken.None);
            item.Result.TrySetResult(Read(row));
            Batches++;
        }
#pragma warning disable CA1031 // The failure belongs to the caller, who gets it as the result of its commit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            item.Result.TrySetException(ex);
        }
    }

    private async Task SendTogetherAsync(List<Pending> items)
    {
        items.Sort(static (a, b) => string.CompareOrdinal(a.Commit.RunId, b.Commit.RunId));
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None);
            await using var batch = new NpgsqlBatch(connection);
            foreach (var item in items)
            {
                var command = new NpgsqlBatchCommand(_sql);
                AddParameters(command.Parameters, item.Commit);
                batch.BatchCommands.Add(command);
            }

            // Every command has the same text: prepared once per connection, and after that only bound and executed.
            await batch.PrepareAsync(CancellationToken.None);

            // Without an explicit transaction, a batch runs in one implicit transaction: all of it commits, or none.
            var results = new CommitResult[items.Count];
            await using (var row = await batch.ExecuteReaderAsync(CancellationToken.None))
            {
                for (var i = 0; i < items.Count; i++)
                {
                    await row.ReadAsync(CancellationToken.None);
                    results[i] = Read(row);
                    await row.NextResultAsync(CancellationToken.None);
                }
            }

            for (var i = 0; i < items.Count; i++)
            {
                items[i].Result.TrySetResult(results[i]);
            }

            Batches++;
            Grouped += items.Count;
        }
        catch (PostgresException)
        {
            // The server refused one statement and rolled the batch back: send each alone, so only that one fails.
            foreach (var item in items)
            {
                await SendAloneAsync(item);
            }
        }
#pragma warning disable CA1031 // A lost connection fails every commit of the batch; each caller gets the error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var item in items)
            {
                item.Result.TrySetException(ex);
            }
        }
    }

    private sealed class Pending(RunCommit commit)
    {
        public RunCommit Commit { get; } = commit;

        public TaskCompletionSource<CommitResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
