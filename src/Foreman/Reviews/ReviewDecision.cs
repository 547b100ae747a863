namespace Foreman.Reviews;

/// <summary>A reviewer's decision on one item.</summary>
/// <param name="Verdict">Approved, Rejected or Modified.</param>
/// <param name="DecidedBy">Who decides.</param>
/// <param name="Reason">Why (required for rejections by the CLI; optional otherwise).</param>
/// <param name="ModifiedAction">The edited arguments as JSON text, for <see cref="ReviewStatus.Modified"/>.</param>
public sealed record ReviewDecision(ReviewStatus Verdict, string DecidedBy, string? Reason = null, string? ModifiedAction = null);
