namespace Foreman.Samples.Pipelines;

/// <summary>The outcome of an amount consensus: the agreed total and every instance's reading and cost.</summary>
/// <param name="Total">The agreed amount, or the best candidate when there was no majority.</param>
/// <param name="Agreement">The share of instances that agree with it.</param>
/// <param name="Readings">Each instance's reading, in instance order.</param>
/// <param name="Costs">Each instance's inference cost.</param>
/// <param name="Flags">Disagreements and failures.</param>
public sealed record AmountReading(decimal? Total, double Agreement, IReadOnlyList<decimal?> Readings, IReadOnlyList<decimal> Costs, IReadOnlyList<string> Flags);
