using System.Globalization;
using Foreman.Quality;

namespace Foreman.Alerts;

/// <summary>Accuracy below the use case's warning, error or critical threshold, per agent and task type.</summary>
internal sealed class QualityThresholdRule(QualityMonitor quality) : IAlertRule
{
    public string Name => AlertRules.QualityThreshold;

    public async Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = new List<AlertCandidate>();
        var statuses = await quality.GetStatusesAsync(cancellationToken);
        foreach (var state in (await quality.Store.ListAgentStatesAsync(cancellationToken)).Where(s => s.Disabled))
        {
            // A disabled agent produces no samples, so its window empties; the alert stays until a person re-enables it.
            if (!statuses.Any(s => s.Agent == state.Agent && s.Level == QualityLevel.Critical))
            {
                found.Add(new AlertCandidate(Name, $"{state.Agent}/disabled", AlertSeverity.Critical,
                    string.Create(CultureInfo.InvariantCulture, $"Agent '{state.Agent}' is disabled since {state.ChangedAt:u} ({state.Reason}); its work goes to manual review."),
                    0, 0));
            }
        }

        foreach (var status in statuses)
        {
            var (severity, threshold) = status.Level switch
            {
                QualityLevel.Critical => (AlertSeverity.Critical, status.Thresholds.Critical),
                QualityLevel.Error => (AlertSeverity.Error, status.Thresholds.Error),
                QualityLevel.Warning => (AlertSeverity.Warning, status.Thresholds.Warning),
                _ => ((AlertSeverity?)null, 0d),
            };
            if (severity is { } s)
            {
                var action = s == AlertSeverity.Critical && await quality.IsDisabledAsync(status.Agent, cancellationToken) ? " The agent is disabled; its work goes to manual review." : string.Empty;
                found.Add(new AlertCandidate(Name, $"{status.Agent}/{status.TaskType}", s,
                    string.Create(CultureInfo.InvariantCulture, $"Agent '{status.Agent}' on {status.TaskType}: accuracy {status.Accuracy:P1} over {status.Samples} samples, below the {s.ToString().ToLowerInvariant()} threshold of {threshold:P0}.{action}"),
                    status.Accuracy ?? 0, threshold));
            }
        }

        return found;
    }
}
