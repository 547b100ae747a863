namespace Foreman.Reviews;

/// <summary>Where a review item is in its life. Only <see cref="Pending"/> can change, and only once.</summary>
public enum ReviewStatus
{
    /// <summary>Waiting for a reviewer.</summary>
    Pending,

    /// <summary>Approved as proposed.</summary>
    Approved,

    /// <summary>Rejected; nothing executes.</summary>
    Rejected,

    /// <summary>Approved with edited values (validated against the action's schema).</summary>
    Modified,

    /// <summary>Nobody decided within the queue's SLA; the timeout path was taken.</summary>
    Expired,
}
