namespace Foreman.Tools;

/// <summary>A decision on an approval request.</summary>
/// <param name="Status">Pending, approved or rejected.</param>
/// <param name="ApprovedActionHash">The hash the approval was given for; must equal the request's hash.</param>
/// <param name="Reason">Why, for rejections; shown to the model.</param>
/// <param name="DecidedBy">Who decided, for the audit trail.</param>
public sealed record ToolApprovalDecision(ToolApprovalStatus Status, string? ApprovedActionHash = null, string? Reason = null, string? DecidedBy = null)
{
    /// <summary>Gets the decision of a gate with nobody behind it.</summary>
    public static ToolApprovalDecision Pending { get; } = new(ToolApprovalStatus.Pending);
}
