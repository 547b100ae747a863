namespace Foreman.Reviews;

/// <summary>One reviewed decision, as the autonomy tracker counts it.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="DecisionType">The decision type.</param>
/// <param name="Verdict">Approved (clean), Modified or Rejected.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="DecidedBy">Who.</param>
public sealed record ReviewOutcome(string ItemId, string DecisionType, ReviewStatus Verdict, DateTimeOffset DecidedAt, string DecidedBy);
