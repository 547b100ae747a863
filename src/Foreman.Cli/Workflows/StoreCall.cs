namespace Foreman.Cli.Workflows;

/// <summary>The store operations <see cref="ObservedWorkflowStore"/> counts and times.</summary>
internal enum StoreCall
{
    CreateRun,
    GetRun,
    ListRuns,
    CountByStatus,
    Claim,
    RenewLease,
    GetJournal,
    GetInbox,
    Commit,
    DeliverEvent,
    Cancel,
    Requeue,
    NextWakeAt,
}
