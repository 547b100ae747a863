namespace Foreman.Reviews;

/// <summary>How a decision went through the gate.</summary>
public enum ReviewGateOutcome
{
    /// <summary>Levels 0 and 1: no human was asked before acting.</summary>
    Autonomous,

    /// <summary>A human approved the action as proposed.</summary>
    Approved,

    /// <summary>A human approved edited values.</summary>
    Modified,

    /// <summary>A human rejected it (or the approval did not match the action).</summary>
    Rejected,

    /// <summary>Nobody decided in time and the timeout path ended in rejection.</summary>
    Expired,
}
