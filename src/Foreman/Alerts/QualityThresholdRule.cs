using System.Globalization;
using Foreman.Quality;

namespace Foreman.Alerts;

/// <summary>
/// Accuracy below the use case's warning, error or critical threshold, per agent and task type, as the monitor's
/// level says: judged on the accuracy interval with hysteresis, never on a window without enough samples. A disabled agent
/// stays critical until a person re-enables it: it produces no samples, so its window empties or recovers while
/// the agent is still off.
/// </summary>
internal sealed class QualityThresholdRule(QualityMonitor quality) : IAlertRule
{
    public string Name => AlertRules.QualityThreshold;

    public async Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, AlertCandidate>(StringComparer.Ordinal);
        var disabled = (await quality.Store.ListAgentStatesAsync(cancellationToken)).Where(s => s.Disabled).ToDictionary(s => s.Agent, StringComparer.Ordinal);
        foreach (var state in disabled.Values)
        {
            var taskTypes = (await quality.Store.ListSamplesAsync(new QualitySampleQuery(state.Agent), cancellationToken)).Select(s => s.TaskType).Distinct(StringComparer.Ordinal);
            foreach (var taskType in taskTypes)
            {
                var subject = $"{state.Agent}/{taskType}";
                found[subject] = new AlertCandidate(Name, subject, AlertSeverity.Critical,
                    string.Create(CultureInfo.InvariantCulture, $"Agent '{state.Agent}' is disabled since {state.ChangedAt:u} ({state.Reason}); its work goes to manual review."),
                    0, 0);
            }
        }

        foreach (var status in await quality.GetStatusesAsync(cancellationToken))
        {
            var subject = $"{status.Agent}/{status.TaskType}";
            var (severity, threshold) = status.Level switch
            {
                QualityLevel.Critical => (AlertSeverity.Critical, status.Thresholds.Critical),
                QualityLevel.Error => (AlertSeverity.Error, status.Thresholds.Error),
                QualityLevel.Warning => (AlertSeverity.Warning, status.Thresholds.Warning),
                _ => ((AlertSeverity?)null, 0d),
            };
            if (severity is not { } s || (disabled.ContainsKey(status.Agent) && s != AlertSeverity.Critical))
            {
                continue;
            }

            var action = disabled.ContainsKey(status.Agent) ? " The agent is disabled; its work goes to manual review." : string.Empty;
            found[subject] = new AlertCandidate(Name, subject, s,
                string.Create(CultureInfo.InvariantCulture, $"Agent '{status.Agent}' on {status.TaskType}: accuracy {status.Accuracy:P1} over {status.Samples} samples ({status.AccuracyInterval?.Lower:P1}–{status.AccuracyInterval?.Upper:P1} at {status.ConfidenceLevel:P0} confidence), {(status.AccuracyInterval?.Upper < threshold ? "clearly below" : "held until the lower bound is back at")} the {s.ToString().ToLowerInvariant()} threshold of {threshold:P0}.{action}"),
                status.Accuracy ?? 0, threshold);
        }

        return [.. found.Values];
    }
}
