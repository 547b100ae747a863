namespace Foreman.Reviews;

/// <summary>What happens when nobody decides within a queue's SLA.</summary>
public enum ReviewTimeoutAction
{
    /// <summary>The item expires and the proposal is treated as rejected.</summary>
    Reject,

    /// <summary>The item expires and a new item is opened in <see cref="ReviewQueueOptions.EscalateTo"/>.</summary>
    Escalate,
}
