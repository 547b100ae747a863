namespace Foreman.Tools;

/// <summary>The answer to an approval request.</summary>
public enum ToolApprovalStatus
{
    /// <summary>No decision yet: the run stops and waits for a human.</summary>
    Pending,

    /// <summary>Approved: the call may run if its hash matches.</summary>
    Approved,

    /// <summary>Rejected: the call does not run and the model is told why.</summary>
    Rejected,
}
