namespace Foreman.Autonomy;

/// <summary>Where a decision type stands: its current level and whether an operator pinned it.</summary>
/// <param name="DecisionType">The decision type.</param>
/// <param name="Level">The current level.</param>
/// <param name="Pinned">Whether an operator pinned the level (track record and rules are then ignored).</param>
public sealed record AutonomyStanding(string DecisionType, AutonomyLevel Level, bool Pinned);
