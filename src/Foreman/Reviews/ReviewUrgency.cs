namespace Foreman.Reviews;

/// <summary>How urgent a decision is; the largest part of an item's priority.</summary>
public enum ReviewUrgency
{
    /// <summary>Can wait.</summary>
    Low = 1,

    /// <summary>The usual.</summary>
    Normal = 2,

    /// <summary>Someone is waiting on it.</summary>
    High = 3,

    /// <summary>Money or customers are being lost while it waits.</summary>
    Critical = 4,
}
