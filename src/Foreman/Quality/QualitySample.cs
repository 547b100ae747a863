namespace Foreman.Quality;

/// <summary>A sampled output and, once verified, how it compared with the ground truth.</summary>
public sealed record QualitySample
{
    /// <summary>Gets the id (<c>qs_…</c>), derived from run, agent and task type, so sampling again is harmless.</summary>
    public required string SampleId { get; init; }

    /// <summary>Gets the run.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the pipeline.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Gets the agent.</summary>
    public required string Agent { get; init; }

    /// <summary>Gets the task type.</summary>
    public required string TaskType { get; init; }

    /// <summary>Gets the output as produced.</summary>
    public required string Output { get; init; }

    /// <summary>Gets the agent's confidence.</summary>
    public double Confidence { get; init; }

    /// <summary>Gets when the output was produced (and sampled).</summary>
    public required DateTimeOffset SampledAt { get; init; }

    /// <summary>Gets the status.</summary>
    public QualitySampleStatus Status { get; init; } = QualitySampleStatus.Pending;

    /// <summary>Gets the review item asking a human for the ground truth, or <see langword="null"/>.</summary>
    public string? ReviewItemId { get; init; }

    /// <summary>Gets whether the output matched the ground truth, once verified.</summary>
    public bool? Correct { get; init; }

    /// <summary>Gets the ground-truth output, when known.</summary>
    public string? Expected { get; init; }

    /// <summary>Gets fields the output got right.</summary>
    public int TruePositives { get; init; }

    /// <summary>Gets fields the output stated wrongly or invented.</summary>
    public int FalsePositives { get; init; }

    /// <summary>Gets fields the output missed or got wrong.</summary>
    public int FalseNegatives { get; init; }

    /// <summary>Gets who verified it (<c>dataset</c> for a labelled dataset).</summary>
    public string? VerifiedBy { get; init; }

    /// <summary>Gets when it was verified.</summary>
    public DateTimeOffset? VerifiedAt { get; init; }
}
