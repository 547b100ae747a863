namespace Foreman.Costs;

/// <summary>Cost in four dimensions over a period, per pipeline and in total.</summary>
/// <param name="From">The start of the period (runs started at or after).</param>
/// <param name="To">The end of the period (runs started before).</param>
/// <param name="Currency">The currency of every amount.</param>
/// <param name="Pipelines">Per pipeline, costliest first.</param>
/// <param name="Total">The sum over pipelines.</param>
/// <param name="Runs">The runs in the period.</param>
public sealed record CostReport(DateTimeOffset From, DateTimeOffset To, string Currency, IReadOnlyList<PipelineCost> Pipelines, CostBreakdown Total, int Runs);
