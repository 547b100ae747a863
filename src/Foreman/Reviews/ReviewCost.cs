namespace Foreman.Reviews;

/// <summary>The human cost of a run's escalations, per currency, to report next to inference cost.</summary>
/// <param name="Escalations">How many review items the run opened (audit samples included).</param>
/// <param name="ByCurrency">The summed human cost per currency.</param>
public sealed record ReviewCost(int Escalations, IReadOnlyDictionary<string, decimal> ByCurrency);
