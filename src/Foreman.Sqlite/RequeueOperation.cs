using Foreman.Workflows.Storage;

namespace Foreman.Sqlite;

/// <summary>Puts a dead-lettered or suspended run back in the queue, forgetting its failed steps.</summary>
internal sealed class RequeueOperation(string runId, DateTimeOffset now, CancellationToken cancellationToken)
    : WriteOperation<CommitStatus>(cancellationToken)
{
    protected override CommitStatus Execute(WriterSession session)
    {
        if (session.FindRun(runId) is not { } run)
        {
            return CommitStatus.NotFound;
        }

        if (run.Status is not (RunStatus.DeadLettered or RunStatus.Suspended))
        {
            return CommitStatus.InvalidTransition;
        }

        var at = StoredFormats.Time(now);
        session.DeleteFailedEntries(runId);
        session.SetStatus(runId, RunStatus.Pending, new StatusChange { DueAt = at }, at);
        return CommitStatus.Committed;
    }
}
