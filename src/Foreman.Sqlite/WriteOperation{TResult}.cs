namespace Foreman.Sqlite;

/// <summary>A queued write with a result of type <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">What the caller gets back.</typeparam>
internal abstract class WriteOperation<TResult> : WriteOperation
{
    // Continuations run asynchronously so callers never execute on (and stall) the writer thread.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _registration;
    private TResult? _result;
    private Exception? _rejection;

    protected WriteOperation(CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        if (cancellationToken.CanBeCanceled)
        {
            // Only a write still in the queue can be abandoned; once applied, its caller learns the real outcome.
            _registration = cancellationToken.UnsafeRegister(static state => ((WriteOperation<TResult>)state!).CancelQueued(), this);
        }
    }

    /// <summary>Gets the task the caller awaits.</summary>
    public Task<TResult> Task => _completion.Task;

    public sealed override void Apply(WriterSession session) => _result = Execute(session);

    public sealed override void Reject(Exception exception) => _rejection = exception;

    public sealed override void Complete()
    {
        _registration.Dispose();
        if (_rejection is not null)
        {
            _completion.TrySetException(_rejection);
        }
        else
        {
            _completion.TrySetResult(_result!);
        }
    }

    public sealed override void Fail(Exception exception)
    {
        _registration.Dispose();
        _completion.TrySetException(exception);
    }

    /// <summary>Performs the write; refusals are results, not exceptions, and must write nothing.</summary>
    /// <param name="session">The writer's connection and statements.</param>
    /// <returns>The result for the caller.</returns>
    protected abstract TResult Execute(WriterSession session);

    private void CancelQueued()
    {
        if (TryCancel())
        {
            _completion.TrySetCanceled(_cancellationToken);
        }
    }
}
