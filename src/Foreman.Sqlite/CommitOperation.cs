using Foreman.Workflows.Storage;

namespace Foreman.Sqlite;

/// <summary>Applies a worker's <see cref="RunCommit"/>: validated first, so a refused commit writes nothing.</summary>
internal sealed class CommitOperation(RunCommit commit, CancellationToken cancellationToken)
    : WriteOperation<CommitResult>(cancellationToken)
{
    protected override CommitResult Execute(WriterSession session)
    {
        var runId = commit.RunId;
        if (session.FindRun(runId) is not { } run)
        {
            return new CommitResult(CommitStatus.NotFound, 0, RunStatus.Pending);
        }

        if (run.Epoch != commit.Epoch)
        {
            return new CommitResult(CommitStatus.Fenced, run.Version, run.Status);
        }

        // Only the holder of a running run commits: a commit against a run that is not running (never claimed,
        // parked or finished under the same epoch) is a transition the lifecycle does not allow from there.
        var target = commit.Transition?.To ?? RunStatus.Running;
        if (run.Status != RunStatus.Running || !RunLifecycle.CanTransition(run.Status, target))
        {
            return new CommitResult(CommitStatus.InvalidTransition, run.Version, run.Status);
        }

        var at = StoredFormats.Time(commit.At);
        foreach (var entry in commit.Entries)
        {
            session.UpsertEntry(runId, entry);
        }

        foreach (var eventId in commit.ConsumedEvents)
        {
            session.ConsumeEvent(runId, eventId, at);
        }

        if (commit.Transition is not { } transition || target == RunStatus.Running)
        {
            session.TouchRun(runId, commit.BusinessState, at);
            return new CommitResult(CommitStatus.Committed, run.Version + 1, RunStatus.Running);
        }

        var status = target;
        StatusChange change;
        if (target == RunStatus.Waiting)
        {
            var waitingFor = StoredFormats.WaitingFor(transition.WaitingFor);

            // An event that arrived while the run executed (after this commit's consumptions) would never wake a
            // run parked now: make it pending instead.
            if (waitingFor is not null && session.HasMatchingEvent(runId, waitingFor))
            {
                status = RunStatus.Pending;
                change = new StatusChange { BusinessState = commit.BusinessState, DueAt = at };
            }
            else
            {
                long? wakeAt = transition.WakeAt is { } wake ? StoredFormats.Time(wake) : null;
                change = new StatusChange { BusinessState = commit.BusinessState, WakeAt = wakeAt, WaitingFor = waitingFor, DueAt = wakeAt };
            }
        }
        else if (target == RunStatus.Pending)
        {
            change = new StatusChange { BusinessState = commit.BusinessState, DueAt = at };
        }
        else
        {
            change = new StatusChange { BusinessState = commit.BusinessState, Output = transition.Output, Error = transition.Error };
        }

        session.SetStatus(runId, status, change, at);
        if (run.ParentRunId is { } parent && (RunLifecycle.IsTerminal(status) || status == RunStatus.DeadLettered))
        {
            session.NotifyParent(parent, runId, status, transition.Output, transition.Error, at);
        }

        return new CommitResult(CommitStatus.Committed, run.Version + 1, status);
    }
}
