namespace Foreman.Autonomy;

/// <summary>How much a human supervises one kind of decision. Higher numbers mean more supervision.</summary>
public enum AutonomyLevel
{
    /// <summary>The agent decides and acts; nothing is queued.</summary>
    Autonomous = 0,

    /// <summary>The agent decides and acts; the action is logged and a sample is queued for later review.</summary>
    AutonomousWithAudit = 1,

    /// <summary>The agent proposes; nothing executes until a human approves (or modifies) the exact action.</summary>
    ProposalWithApproval = 2,

    /// <summary>The agent only supplies analysis; a human decides and acts.</summary>
    AssistanceOnly = 3,
}
