using Foreman.Quality;
using Foreman.Reviews;
using Foreman.Tracing;

namespace Foreman.Alerts;

/// <summary>The built-in alert rules, and a factory that creates those whose data sources are available.</summary>
public static class AlertRules
{
    /// <summary><c>loop_rate</c>: loop detections per invocation of an agent above the threshold.</summary>
    public const string LoopRate = "loop_rate";

    /// <summary><c>cost_spike</c>: an agent's mean cost per invocation above a multiple of its rolling average.</summary>
    public const string CostSpike = "cost_spike";

    /// <summary><c>escalation_rate</c>: review escalations per run of a pipeline above its threshold.</summary>
    public const string EscalationRate = "escalation_rate";

    /// <summary><c>review_sla</c>: mean time in a review queue above its SLA.</summary>
    public const string ReviewSla = "review_sla";

    /// <summary><c>accuracy_drift</c>: accuracy fell by more than the drift points between two windows, and significantly (two-proportion test).</summary>
    public const string AccuracyDrift = "accuracy_drift";

    /// <summary><c>quality_threshold</c>: accuracy below the use case's warning, error or critical threshold.</summary>
    public const string QualityThreshold = "quality_threshold";

    /// <summary><c>retry_rate</c>: retried model calls per model call of an agent above the threshold.</summary>
    public const string RetryRate = "retry_rate";

    /// <summary><c>success_rate</c>: a pipeline's run success rate below its baseline.</summary>
    public const string SuccessRate = "success_rate";

    /// <summary>Creates the built-in rules whose sources are given, minus those in <see cref="AlertRuleOptions.Disabled"/>.</summary>
    /// <param name="options">Thresholds; copied.</param>
    /// <param name="traces">Trace store (loop, cost, retry, success and escalation rules), or <see langword="null"/>.</param>
    /// <param name="reviews">Review store (escalation and SLA rules), or <see langword="null"/>.</param>
    /// <param name="quality">Quality monitor (drift and threshold rules), or <see langword="null"/>.</param>
    /// <returns>The rules.</returns>
    public static IReadOnlyList<IAlertRule> Create(AlertRuleOptions options, ITraceStore? traces, IReviewStore? reviews, QualityMonitor? quality)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DriftConfidence is not (>= 0.5 and < 1))
        {
            throw new ArgumentException($"DriftConfidence must be at least 0.5 and below 1 (0.999 by default); got {options.DriftConfidence}.", nameof(options));
        }

        var o = Copy(options);
        var rules = new List<IAlertRule>();
        if (traces is not null)
        {
            rules.Add(new AgentRateRule(LoopRate, traces, o, s => s.Invocations, s => s.LoopRate, o.LoopRateThreshold, "loop detections"));
            rules.Add(new AgentRateRule(RetryRate, traces, o, s => s.ModelCalls, s => s.RetryRate, o.RetryRateThreshold, "retried model calls"));
            rules.Add(new CostSpikeRule(traces, o));
            rules.Add(new SuccessRateRule(traces, o));
            if (reviews is not null)
            {
                rules.Add(new EscalationRateRule(traces, reviews, o));
            }
        }

        if (reviews is not null)
        {
            rules.Add(new ReviewSlaRule(reviews, o));
        }

        if (quality is not null)
        {
            rules.Add(new AccuracyDriftRule(quality, o));
            rules.Add(new QualityThresholdRule(quality));
        }

        return rules.Where(r => !o.Disabled.Contains(r.Name)).ToList();
    }

    internal static async Task<IReadOnlyList<TraceRunSummary>> RunsAsync(ITraceStore traces, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        // (from, to]: runs that started at the evaluation instant count, those at the window's start belong to the one before.
        await traces.QueryRunsAsync(new TraceQuery { Since = from.AddTicks(10), Until = to.AddTicks(10), Limit = int.MaxValue }, cancellationToken);

    private static AlertRuleOptions Copy(AlertRuleOptions o)
    {
        var copy = new AlertRuleOptions
        {
            Window = o.Window,
            MinimumVolume = o.MinimumVolume,
            LoopRateThreshold = o.LoopRateThreshold,
            CostSpikeFactor = o.CostSpikeFactor,
            BaselineWindow = o.BaselineWindow,
            EscalationRateThreshold = o.EscalationRateThreshold,
            AccuracyDriftPoints = o.AccuracyDriftPoints,
            DriftWindow = o.DriftWindow,
            MinimumDriftSamples = o.MinimumDriftSamples,
            DriftConfidence = o.DriftConfidence,
            RetryRateThreshold = o.RetryRateThreshold,
            SuccessRateTolerance = o.SuccessRateTolerance,
        };
        foreach (var (k, v) in o.EscalationRateThresholds)
        {
            copy.EscalationRateThresholds[k] = v;
        }

        foreach (var (k, v) in o.ReviewSlas)
        {
            copy.ReviewSlas[k] = v;
        }

        foreach (var (k, v) in o.SuccessRateBaselines)
        {
            copy.SuccessRateBaselines[k] = v;
        }

        copy.Disabled.UnionWith(o.Disabled);
        return copy;
    }
}
