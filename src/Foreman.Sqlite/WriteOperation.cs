namespace Foreman.Sqlite;

/// <summary>
/// One caller's write, queued for the group-commit writer. The writer applies it inside a batch transaction and
/// reports its result only after that transaction commits, so a caller never sees a write that is not durable.
/// </summary>
internal abstract class WriteOperation
{
    private const int Queued = 0;
    private const int Started = 1;
    private const int Cancelled = 2;

    private int _state;

    /// <summary>Claims the operation for the writer; <see langword="false"/> when its caller gave up first.</summary>
    /// <returns>Whether to apply it.</returns>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;

    /// <summary>Applies the write with the writer's session, inside the batch transaction; may throw.</summary>
    /// <param name="session">The writer's connection and statements.</param>
    public abstract void Apply(WriterSession session);

    /// <summary>Records that applying failed; the writer rolled back this operation's part of the batch.</summary>
    /// <param name="exception">The failure.</param>
    public abstract void Reject(Exception exception);

    /// <summary>Reports the result (or the recorded failure) after the batch committed.</summary>
    public abstract void Complete();

    /// <summary>Reports that the whole batch failed: nothing of it was written.</summary>
    /// <param name="exception">The failure.</param>
    public abstract void Fail(Exception exception);

    /// <summary>Gives up on a write the writer has not started; <see langword="false"/> when it has.</summary>
    /// <returns>Whether the operation was cancelled.</returns>
    protected bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued;
}
