namespace Foreman.Agents;

/// <summary>How an agent run ended.</summary>
public enum AgentStatus
{
    /// <summary>The run produced a validated output.</summary>
    Succeeded,

    /// <summary>The run ended without a usable output; see the stop reason.</summary>
    Failed,

    /// <summary>The run needs a person: an approval, an escalation, or a budget fallback.</summary>
    NeedsHuman,
}
