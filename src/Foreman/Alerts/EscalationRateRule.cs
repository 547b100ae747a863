using System.Globalization;
using Foreman.Autonomy;
using Foreman.Reviews;
using Foreman.Tracing;

namespace Foreman.Alerts;

/// <summary>Review escalations (proposals and assistance, not audit samples) per run of a pipeline (the use case) in the window.</summary>
internal sealed class EscalationRateRule(ITraceStore traces, IReviewStore reviews, AlertRuleOptions options) : IAlertRule
{
    public string Name => AlertRules.EscalationRate;

    public async Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = now - options.Window;
        var runs = await AlertRules.RunsAsync(traces, from, now, cancellationToken);
        var pipelineOf = runs.Where(r => r.Pipeline is not null).ToDictionary(r => r.RunId, r => r.Pipeline!, StringComparer.Ordinal);
        var items = await reviews.ListAsync(new ReviewQuery(), cancellationToken);
        var escalations = items
            .Where(i => i.CreatedAt >= from && i.CreatedAt < now && i.Level >= AutonomyLevel.ProposalWithApproval && pipelineOf.ContainsKey(i.RunId))
            .GroupBy(i => pipelineOf[i.RunId], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => i.RunId).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var found = new List<AlertCandidate>();
        foreach (var group in runs.Where(r => r.Pipeline is not null).GroupBy(r => r.Pipeline!, StringComparer.Ordinal).Where(g => g.Count() >= options.MinimumVolume))
        {
            var threshold = options.EscalationRateThresholds.TryGetValue(group.Key, out var t) ? t : options.EscalationRateThreshold;
            var rate = (double)escalations.GetValueOrDefault(group.Key) / group.Count();
            if (rate > threshold)
            {
                found.Add(new AlertCandidate(Name, group.Key, AlertSeverity.Warning,
                    string.Create(CultureInfo.InvariantCulture, $"Pipeline '{group.Key}': {rate:P1} of {group.Count()} runs escalated to a person in the last {options.Window.TotalMinutes:0} min, above {threshold:P1}."),
                    rate, threshold));
            }
        }

        return found;
    }
}
