namespace Foreman.Quality;

/// <summary>Whether an agent may run, and why it last changed.</summary>
/// <param name="Agent">The agent.</param>
/// <param name="Disabled">Whether its work goes to manual review instead.</param>
/// <param name="Reason">Why.</param>
/// <param name="ChangedAt">When.</param>
/// <param name="ChangedBy">Who (<c>quality-monitor</c> for automatic changes).</param>
public sealed record AgentQualityState(string Agent, bool Disabled, string Reason, DateTimeOffset ChangedAt, string ChangedBy);
