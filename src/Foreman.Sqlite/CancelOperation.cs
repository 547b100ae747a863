using Foreman.Workflows.Storage;

namespace Foreman.Sqlite;

/// <summary>Cancels an unfinished run and fences whoever executes it.</summary>
internal sealed class CancelOperation(string runId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    : WriteOperation<CommitStatus>(cancellationToken)
{
    protected override CommitStatus Execute(WriterSession session)
    {
        if (session.FindRun(runId) is not { } run)
        {
            return CommitStatus.NotFound;
        }

        if (!RunLifecycle.CanTransition(run.Status, RunStatus.Cancelled))
        {
            return CommitStatus.InvalidTransition;
        }

        var at = StoredFormats.Time(now);
        var error = StoredFormats.CancelledError(reason);
        session.CancelRun(runId, error, at);
        if (run.ParentRunId is { } parent)
        {
            session.NotifyParent(parent, runId, RunStatus.Cancelled, output: null, error, at);
        }

        return CommitStatus.Committed;
    }
}
