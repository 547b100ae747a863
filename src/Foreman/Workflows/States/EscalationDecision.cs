namespace Foreman.Workflows.States;

/// <summary>A human's decision on an escalated state: which state comes next.</summary>
/// <param name="NextState">The state to move to; must be a valid transition.</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="Note">Why.</param>
public sealed record EscalationDecision(string NextState, string? DecidedBy = null, string? Note = null);
