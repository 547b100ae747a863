namespace Foreman.Alerts;

/// <summary>Thresholds of the built-in alert rules (<see cref="AlertRules.Create"/>). Every default follows the operating guidance.</summary>
public sealed class AlertRuleOptions
{
    /// <summary>Gets or sets the window rate rules look back over. The default value is 1 hour.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how many invocations (or runs, or model calls) a subject needs in the window before a rate rule judges it. The default value is 20.</summary>
    public int MinimumVolume { get; set; } = 20;

    /// <summary>Gets or sets <c>loop_rate</c>: loop detections per agent invocation above this fire. The default value is 0.02 (2%).</summary>
    public double LoopRateThreshold { get; set; } = 0.02;

    /// <summary>Gets or sets <c>cost_spike</c>: mean cost per invocation above this multiple of its rolling average fires. The default value is 2.</summary>
    public double CostSpikeFactor { get; set; } = 2;

    /// <summary>Gets or sets the period before the window that rolling averages and baselines are taken over. The default value is 7 days.</summary>
    public TimeSpan BaselineWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets <c>escalation_rate</c>: review escalations per run of a pipeline above this fire. The default value is 0.2 (20%).</summary>
    public double EscalationRateThreshold { get; set; } = 0.2;

    /// <summary>Gets thresholds of <c>escalation_rate</c> per use case (pipeline) that override the default.</summary>
    public IDictionary<string, double> EscalationRateThresholds { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Gets SLAs of <c>review_sla</c> per queue; queues not listed use the SLA their items were created with.</summary>
    public IDictionary<string, TimeSpan> ReviewSlas { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>Gets or sets <c>accuracy_drift</c>: a fall in accuracy of more than this (0.03 = 3 points) between the previous and the current drift window fires. The default value is 0.03.</summary>
    public double AccuracyDriftPoints { get; set; } = 0.03;

    /// <summary>
    /// Gets or sets how sure <c>accuracy_drift</c> must be that accuracy really fell: the one-sided confidence of a
    /// two-proportion z test between the two windows (0.999 needs z ≥ 3.09). At 0.999 a stable agent raises about
    /// one false drift alert per thousand independent window pairs; lower it to catch smaller drifts sooner at the
    /// price of more noise. The default value is 0.999.
    /// </summary>
    public double DriftConfidence { get; set; } = 0.999;

    /// <summary>Gets or sets the drift window. The default value is 24 hours.</summary>
    public TimeSpan DriftWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Gets or sets how many verified samples each drift window needs. Lower than the monitor's minimum for a
    /// level: a drift warning is cheap, and an agent disabled early leaves few samples in its last window. The
    /// default value is 20.
    /// </summary>
    public int MinimumDriftSamples { get; set; } = 20;

    /// <summary>Gets or sets <c>retry_rate</c>: retried model calls per model call of an agent above this fire. The default value is 0.15 (15%).</summary>
    public double RetryRateThreshold { get; set; } = 0.15;

    /// <summary>Gets baselines of <c>success_rate</c> per pipeline; pipelines not listed use their own rate over <see cref="BaselineWindow"/>.</summary>
    public IDictionary<string, double> SuccessRateBaselines { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Gets or sets how far the success rate may fall below its baseline before <c>success_rate</c> fires. The default value is 0.05 (5 points).</summary>
    public double SuccessRateTolerance { get; set; } = 0.05;

    /// <summary>Gets the names of built-in rules to leave out.</summary>
    public ISet<string> Disabled { get; } = new HashSet<string>(StringComparer.Ordinal);
}
