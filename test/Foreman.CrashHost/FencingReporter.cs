using Foreman.Workflows.Storage;

namespace Foreman.CrashHost;

/// <summary>
/// Passes every call to the store and prints <c>fenced RUN commit|renew</c> when the store refuses a write for a stale
/// epoch, so a test that paused this process can see its late writes being refused.
/// </summary>
/// <param name="inner">The store.</param>
public sealed class FencingReporter(IWorkflowStore inner) : DelegatingWorkflowStore(inner)
{
    /// <inheritdoc />
    public override async Task<CommitResult> CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var result = await InnerStore.CommitAsync(commit, cancellationToken);
        Report(result.Status, commit.RunId, "commit");
        return result;
    }

    /// <inheritdoc />
    public override async Task<CommitStatus> RenewLeaseAsync(string runId, long epoch, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var status = await InnerStore.RenewLeaseAsync(runId, epoch, expiresAt, cancellationToken);
        Report(status, runId, "renew");
        return status;
    }

    private static void Report(CommitStatus status, string runId, string what)
    {
        if (status == CommitStatus.Fenced)
        {
            Console.Out.WriteLine($"fenced {runId} {what}");
            Console.Out.Flush();
        }
    }
}
