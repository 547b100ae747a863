namespace Foreman.Costs;

/// <summary>One run's cost in four dimensions.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Pipeline">Its pipeline.</param>
/// <param name="Escalations">Review items it opened.</param>
/// <param name="Cost">The cost; the undetected-error part is its expected value (0 once its output was verified).</param>
public sealed record RunCost(string RunId, string? Pipeline, int Escalations, CostBreakdown Cost);
