using Foreman.Workflows.Storage;

namespace Foreman.Sqlite;

/// <summary>Extends a worker's lease if it still holds the run.</summary>
internal sealed class RenewLeaseOperation(string runId, long epoch, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    : WriteOperation<CommitStatus>(cancellationToken)
{
    protected override CommitStatus Execute(WriterSession session)
    {
        if (session.RenewLease(runId, epoch, StoredFormats.Time(expiresAt)))
        {
            return CommitStatus.Committed;
        }

        // A lease is held only by a running run's current epoch; anything else means it was lost.
        return session.FindRun(runId) is null ? CommitStatus.NotFound : CommitStatus.Fenced;
    }
}
