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
        foreach (var status in await quality.GetStatusesAsync(cancellationToken))
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
