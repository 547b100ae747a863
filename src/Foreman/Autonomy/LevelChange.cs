namespace Foreman.Autonomy;

/// <summary>An audited change of a decision type's level, with the evidence behind it.</summary>
/// <param name="DecisionType">The decision type.</param>
/// <param name="From">The level before.</param>
/// <param name="To">The level after.</param>
/// <param name="Kind">Promotion, demotion, pin or unpin.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="Samples">How many reviewed decisions were in the window.</param>
/// <param name="CleanApprovals">How many of them were approved without modification.</param>
/// <param name="At">When.</param>
/// <param name="ChangedBy">Who: <c>tracker</c> for automatic changes, the operator for pins.</param>
public sealed record LevelChange(
    string DecisionType,
    AutonomyLevel From,
    AutonomyLevel To,
    LevelChangeKind Kind,
    string Reason,
    int Samples,
    int CleanApprovals,
    DateTimeOffset At,
    string ChangedBy)
{
    /// <summary>Gets the share of clean approvals in the window (0 when there were no samples).</summary>
    public double ApprovalRate => Samples == 0 ? 0 : (double)CleanApprovals / Samples;
}
