namespace Foreman.Workflows.Storage;

/// <summary>The lifecycle of a run. The store enforces the transitions in <see cref="RunLifecycle"/>.</summary>
public enum RunStatus
{
    /// <summary>Ready to be claimed by a worker.</summary>
    Pending,

    /// <summary>Claimed by a worker that holds its lease.</summary>
    Running,

    /// <summary>Parked until an event, a timer or a retry is due; no worker holds it, no memory is used.</summary>
    Waiting,

    /// <summary>Finished with an output. Terminal.</summary>
    Completed,

    /// <summary>Finished with an error returned to the caller. Terminal.</summary>
    Failed,

    /// <summary>Cancelled by a user. Terminal.</summary>
    Cancelled,

    /// <summary>Gave up after its retries; kept for inspection and can be re-queued.</summary>
    DeadLettered,

    /// <summary>Stopped because replay diverged from the journal; needs an operator, can be re-queued.</summary>
    Suspended,
}
