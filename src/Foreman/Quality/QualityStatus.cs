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

    /// <summary>Gets the level against the thresholds.</summary>
    public QualityLevel Level { get; init; }

    /// <summary>Gets the thresholds that apply.</summary>
    public required QualityThresholds Thresholds { get; init; }
}
