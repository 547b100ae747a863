using Foreman.Quality;

namespace Foreman.Costs;

/// <summary>One pipeline's cost over a period.</summary>
public sealed record PipelineCost
{
    /// <summary>Gets the pipeline (workflow name, or <c>agent:{name}</c>).</summary>
    public required string Pipeline { get; init; }

    /// <summary>Gets the runs started in the period.</summary>
    public int Runs { get; init; }

    /// <summary>Gets the review items those runs opened.</summary>
    public int Escalations { get; init; }

    /// <summary>Gets the verified quality samples.</summary>
    public int VerifiedSamples { get; init; }

    /// <summary>Gets the error rate found by sampling, or <see langword="null"/> without verified samples.</summary>
    public double? SampledErrorRate { get; init; }

    /// <summary>
    /// Gets the confidence interval of <see cref="SampledErrorRate"/> at the quality monitor's confidence level, or
    /// <see langword="null"/> without verified samples. With few samples it is wide: 0 errors in 10 still allows 28 %.
    /// </summary>
    public ProportionInterval? SampledErrorRateInterval { get; init; }

    /// <summary>Gets the estimated errors no one saw: error rate × outputs not verified.</summary>
    public double EstimatedUndetectedErrors { get; init; }

    /// <summary>Gets the low end of <see cref="EstimatedUndetectedErrors"/>: the error rate's lower bound × outputs not verified, per task type.</summary>
    public double EstimatedUndetectedErrorsLow { get; init; }

    /// <summary>Gets the high end of <see cref="EstimatedUndetectedErrors"/>: the error rate's upper bound × outputs not verified, per task type.</summary>
    public double EstimatedUndetectedErrorsHigh { get; init; }

    /// <summary>Gets the cost of <see cref="EstimatedUndetectedErrorsLow"/>.</summary>
    public decimal UndetectedErrorsCostLow { get; init; }

    /// <summary>Gets the cost of <see cref="EstimatedUndetectedErrorsHigh"/>.</summary>
    public decimal UndetectedErrorsCostHigh { get; init; }

    /// <summary>Gets the cost.</summary>
    public required CostBreakdown Cost { get; init; }

    /// <summary>Gets the mean total cost per run.</summary>
    public decimal CostPerRun => Runs == 0 ? 0 : Cost.Total / Runs;
}
