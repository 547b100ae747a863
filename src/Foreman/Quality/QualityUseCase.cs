namespace Foreman.Quality;

/// <summary>Quality settings of one use case (task type) that differ from the monitor's defaults.</summary>
public sealed class QualityUseCase
{
    /// <summary>Gets or sets the share of outputs sampled, or <see langword="null"/> for <see cref="QualityOptions.SampleRate"/>.</summary>
    public double? SampleRate { get; set; }

    /// <summary>Gets or sets the thresholds, or <see langword="null"/> for <see cref="QualityOptions.Thresholds"/>.</summary>
    public QualityThresholds? Thresholds { get; set; }

    /// <summary>Gets or sets what one undetected error costs, or <see langword="null"/> for <see cref="QualityOptions.CostPerError"/>.</summary>
    public decimal? CostPerError { get; set; }
}
