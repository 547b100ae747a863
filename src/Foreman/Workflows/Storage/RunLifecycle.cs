namespace Foreman.Workflows.Storage;

/// <summary>The valid run-status transitions. Stores refuse every other one.</summary>
public static class RunLifecycle
{
    /// <summary>Whether a run may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">The current status.</param>
    /// <param name="to">The requested status.</param>
    /// <returns><see langword="true"/> when the transition is valid.</returns>
    public static bool CanTransition(RunStatus from, RunStatus to) => (from, to) switch
    {
        (RunStatus.Pending, RunStatus.Running or RunStatus.Cancelled) => true,
        (RunStatus.Running, RunStatus.Running or RunStatus.Pending or RunStatus.Waiting or RunStatus.Completed or RunStatus.Failed
            or RunStatus.DeadLettered or RunStatus.Suspended or RunStatus.Cancelled) => true,
        (RunStatus.Waiting, RunStatus.Pending or RunStatus.Running or RunStatus.Cancelled) => true,
        (RunStatus.DeadLettered or RunStatus.Suspended, RunStatus.Pending or RunStatus.Cancelled) => true,
        _ => false,
    };

    /// <summary>Whether the status is final.</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for completed, failed and cancelled.</returns>
    public static bool IsTerminal(RunStatus status) => status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled;
}
