namespace Foreman.Quality;

/// <summary>An agent's measured quality on one task type over a window.</summary>
public sealed record QualityStatus
{
    /// <summary>Gets the agent.</summary>
    public required string Agent { get; init; }

    /// <summary>Gets the task type.</summary>
    public required string TaskType { get; init; }

    /// <summary>Gets the start of the window.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>Gets the end of the window.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Gets the verified samples in the window.</summary>
    public int Samples { get; init; }

    /// <summary>Gets the samples whose output matched the ground truth.</summary>
    public int CorrectSamples { get; init; }

    /// <summary>Gets correct samples per verified sample, or <see langword="null"/> without samples.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Gets field-level precision (right fields per field stated), or <see langword="null"/>.</summary>
    public double? Precision { get; init; }

    /// <summary>Gets field-level recall (right fields per field expected), or <see langword="null"/>.</summary>
    public double? Recall { get; init; }

    /// <summary>Gets the confidence interval of <see cref="Accuracy"/> (correct samples per verified sample), or <see langword="null"/> without samples.</summary>
    public ProportionInterval? AccuracyInterval { get; init; }

    /// <summary>
    /// Gets the confidence interval of <see cref="Precision"/> (over fields), or <see langword="null"/>. Fields of one
    /// output are not independent, so read it as a lower limit of the uncertainty.
    /// </summary>
    public ProportionInterval? PrecisionInterval { get; init; }

    /// <summary>Gets the confidence interval of <see cref="Recall"/> (over fields), or <see langword="null"/>; see <see cref="PrecisionInterval"/>.</summary>
    public ProportionInterval? RecallInterval { get; init; }

    /// <summary>Gets the confidence level of the intervals (<see cref="QualityOptions.ConfidenceLevel"/>).</summary>
    public double ConfidenceLevel { get; init; }

    /// <summary>Gets the minimum verified samples a window needs before it gets a level (<see cref="QualityOptions.MinimumSamples"/>).</summary>
    public int MinimumSamples { get; init; }

    /// <summary>
    /// Gets the level against the thresholds, judged on <see cref="AccuracyInterval"/> with hysteresis: a level is
    /// entered when the interval's upper bound falls below its threshold, and left only when the lower bound is back
    /// at or above it. <see cref="QualityLevel.InsufficientData"/> below <see cref="MinimumSamples"/>.
    /// </summary>
    public QualityLevel Level { get; init; }

    /// <summary>
    /// Gets a value indicating whether the interval lies wholly within the level's band, so the window's evidence
    /// alone shows this level. <see langword="false"/> when the level is held from earlier windows (hysteresis), or
    /// is <see cref="QualityLevel.Healthy"/> only because no degradation is clear yet, or without data.
    /// </summary>
    public bool Conclusive { get; init; }

    /// <summary>Gets one sentence on how the level was reached, for people.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>Gets the thresholds that apply.</summary>
    public required QualityThresholds Thresholds { get; init; }
}
