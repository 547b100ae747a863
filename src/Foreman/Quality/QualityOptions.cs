using Foreman.Reviews;
using Foreman.Tracing;
using Microsoft.Extensions.Logging;

namespace Foreman.Quality;

/// <summary>Options of a <see cref="QualityMonitor"/>; copied when it is built.</summary>
public sealed class QualityOptions
{
    /// <summary>Gets or sets the share of outputs sampled for ground-truth review, per agent and task type. The default value is 0.05 (5%).</summary>
    public double SampleRate { get; set; } = 0.05;

    /// <summary>Gets or sets the default thresholds. The default value is <see cref="QualityThresholds.Default"/>.</summary>
    public QualityThresholds Thresholds { get; set; } = QualityThresholds.Default;

    /// <summary>Gets settings per use case (task type) that override the defaults.</summary>
    public IDictionary<string, QualityUseCase> UseCases { get; } = new Dictionary<string, QualityUseCase>(StringComparer.Ordinal);

    /// <summary>Gets or sets the window accuracy is measured over (by the time outputs were produced). The default value is 24 hours.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Gets or sets the confidence level of the intervals around accuracy, precision and recall, which levels are
    /// judged on. Higher needs more samples before a level is entered or left. The default value is 0.95.
    /// </summary>
    public double ConfidenceLevel { get; set; } = 0.95;

    /// <summary>Gets or sets how many verified samples a window needs before a level is given. The default value is 20.</summary>
    public int MinimumSamples { get; set; } = 20;

    /// <summary>Gets or sets a value indicating whether an agent at <see cref="QualityLevel.Critical"/> is disabled. The default value is <see langword="true"/>.</summary>
    public bool DisableAtCritical { get; set; } = true;

    /// <summary>Gets or sets what one undetected error costs by default, for the cost report. The default value is 0.</summary>
    public decimal CostPerError { get; set; }

    /// <summary>Gets or sets where labelled expected outputs come from, or <see langword="null"/> for human review only.</summary>
    public IGroundTruthSource? GroundTruth { get; set; }

    /// <summary>Gets or sets the review store: samples without a labelled answer go to its queue for a human, and disabled agents' work goes there. Or <see langword="null"/>.</summary>
    public IReviewStore? Reviews { get; set; }

    /// <summary>Gets or sets the queue ground-truth samples go to. The default value is <c>quality</c>.</summary>
    public string ReviewQueue { get; set; } = "quality";

    /// <summary>Gets or sets the human cost of verifying one sample. The default value is 0.</summary>
    public decimal ReviewCostPerSample { get; set; }

    /// <summary>Gets or sets the queue a disabled agent's work goes to. The default value is <c>manual</c>.</summary>
    public string ManualQueue { get; set; } = "manual";

    /// <summary>Gets or sets how long manual work may wait before it expires. The default value is 24 hours.</summary>
    public TimeSpan ManualSla { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the currency of costs. The default value is <c>EUR</c>.</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>Gets or sets the trace store told of verdicts (so <c>correct = true</c> is queryable), or <see langword="null"/>.</summary>
    public ITraceStore? Traces { get; set; }

    /// <summary>Gets the confidence bucket boundaries for calibration. The default is 0.5, 0.7, 0.8, 0.9.</summary>
    public IList<double> CalibrationBoundaries { get; } = [0.5, 0.7, 0.8, 0.9];

    /// <summary>Gets or sets how far accuracy may fall below mean confidence in a bucket before the agent is flagged over-confident. The default value is 0.1.</summary>
    public double OverconfidenceMargin { get; set; } = 0.1;

    /// <summary>Gets or sets how many samples a bucket needs before it can flag. The default value is 10.</summary>
    public int MinimumBucketSamples { get; set; } = 10;

    /// <summary>Gets or sets output fields left out of comparisons (they are not facts about the input). The default holds <c>confidence</c>.</summary>
    public ISet<string> IgnoredFields { get; set; } = new HashSet<string>(StringComparer.Ordinal) { "confidence" };

    /// <summary>Gets or sets the clock. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the logger factory, or <see langword="null"/>.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
