using Foreman.Workflows.Storage;

namespace Foreman.Workflows.Tests;

/// <summary>A store that fails chosen calls the way a dropped database connection does, then behaves again.</summary>
internal sealed class FlakyStore(IWorkflowStore inner) : DelegatingWorkflowStore(inner)
{
    private int _commitFailures;
    private int _nextWakeFailures;

    /// <summary>Makes the next <paramref name="count"/> commits carrying a journal entry throw without writing.</summary>
    public void FailStepCommits(int count) => Volatile.Write(ref _commitFailures, count);

    /// <summary>Makes the next <paramref name="count"/> <see cref="NextWakeAtAsync"/> calls throw.</summary>
    public void FailNextWakeAt(int count) => Volatile.Write(ref _nextWakeFailures, count);

    public override Task<CommitResult> CommitAsync(RunCommit commit, CancellationToken cancellationToken) =>
        commit.Transition is null && Interlocked.Decrement(ref _commitFailures) >= 0
            ? throw new IOException("connection reset by peer")
            : base.CommitAsync(commit, cancellationToken);

    public override Task<DateTimeOffset?> NextWakeAtAsync(CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref _nextWakeFailures) >= 0
            ? throw new IOException("connection refused")
            : base.NextWakeAtAsync(cancellationToken);
}
