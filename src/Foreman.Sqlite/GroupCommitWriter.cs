using System.Threading.Channels;

namespace Foreman.Sqlite;

/// <summary>
/// The only writer of the store: a dedicated thread that drains queued writes and applies as many as are waiting
/// (up to the batch size) in one transaction, so concurrent callers share the cost of one durable commit.
/// </summary>
/// <remarks>
/// Each write runs inside its own savepoint: a write that throws is undone alone and its caller gets the
/// exception, while the rest of the batch commits. If the transaction itself fails (disk full, I/O error), every
/// caller in the batch gets that exception and nothing of the batch is written; the writer goes on with the next.
/// </remarks>
internal sealed class GroupCommitWriter
{
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly WriterSession _session;
    private readonly int _maxBatchSize;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _batches;
    private long _transactions;
    private long _writes;

    public GroupCommitWriter(WriterSession session, int maxBatchSize, string name)
    {
        _session = session;
        _maxBatchSize = maxBatchSize;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    /// <summary>Gets the number of batches taken from the queue (the writer takes no more writes until each ends).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Gets the number of batch transactions committed.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Gets the number of writes applied in committed transactions.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public void Start() => _thread.Start();

    /// <summary>Queues a write.</summary>
    /// <param name="operation">The write.</param>
    /// <returns><see langword="false"/> when the writer is stopping.</returns>
    public bool TryEnqueue(WriteOperation operation) => _queue.Writer.TryWrite(operation);

    /// <summary>Stops taking writes, applies the ones queued, and completes when the thread has exited.</summary>
    /// <returns>A task.</returns>
    public Task StopAsync()
    {
        _queue.Writer.TryComplete();
        return _stopped.Task;
    }

    private void Run()
    {
        var reader = _queue.Reader;
        var batch = new List<WriteOperation>(_maxBatchSize);
        try
        {
            while (true)
            {
                while (batch.Count < _maxBatchSize && reader.TryRead(out var operation))
                {
                    if (operation.TryStart())
                    {
                        batch.Add(operation);
                    }
                }

                if (batch.Count > 0)
                {
                    ExecuteBatch(batch);
                    batch.Clear();
                    continue;
                }

                // Nothing queued: block this dedicated thread until a write arrives or the store stops.
                var more = reader.WaitToReadAsync();
                if (!(more.IsCompleted ? more.Result : more.AsTask().GetAwaiter().GetResult()))
                {
                    break;
                }
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void ExecuteBatch(List<WriteOperation> batch)
    {
        Interlocked.Increment(ref _batches);
        try
        {
            _session.Begin();
            foreach (var operation in batch)
            {
                ApplyIsolated(operation);
            }

            _session.Commit();
        }
        catch (Exception exception)
        {
            try
            {
                _session.Rollback();
            }
            catch (Exception rollbackFailure)
            {
                exception = new AggregateException(exception, rollbackFailure);
            }

            foreach (var operation in batch)
            {
                operation.Fail(exception);
            }

            return;
        }

        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _writes, batch.Count);
        foreach (var operation in batch)
        {
            operation.Complete();
        }
    }

    private void ApplyIsolated(WriteOperation operation)
    {
        _session.BeginItem();
        try
        {
            operation.Apply(_session);
            _session.EndItem();
        }
        catch (Exception exception) when (_session.InTransaction)
        {
            _session.UndoItem();
            operation.Reject(exception);
        }
    }
}
