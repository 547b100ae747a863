using System.Globalization;
using Foreman.Quality;

namespace Foreman.Alerts;

/// <summary>Accuracy of an agent on a task type in the last drift window against the window before it.</summary>
internal sealed class AccuracyDriftRule(QualityMonitor quality, AlertRuleOptions options) : IAlertRule
{
    public string Name => AlertRules.AccuracyDrift;

    public async Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var end = now.AddTicks(10);
        var from = end - options.DriftWindow;
        var samples = await quality.Store.ListSamplesAsync(new QualitySampleQuery(Status: QualitySampleStatus.Verified, Since: from - options.DriftWindow, Until: end), cancellationToken);
        var found = new List<AlertCandidate>();
        foreach (var group in samples.GroupBy(s => (s.Agent, s.TaskType)))
        {
            var current = group.Where(s => s.SampledAt >= from).ToList();
            var previous = group.Where(s => s.SampledAt < from).ToList();
            if (current.Count < options.MinimumDriftSamples || previous.Count < options.MinimumDriftSamples)
            {
                continue;
            }

            var now1 = Accuracy(current);
            var before = Accuracy(previous);
            var drop = before - now1;
            if (drop > options.AccuracyDriftPoints)
            {
                found.Add(new AlertCandidate(Name, $"{group.Key.Agent}/{group.Key.TaskType}", drop > options.AccuracyDriftPoints * 3 ? AlertSeverity.Error : AlertSeverity.Warning,
                    string.Create(CultureInfo.InvariantCulture, $"Agent '{group.Key.Agent}' on {group.Key.TaskType}: accuracy fell {drop * 100:0.0} points within {options.DriftWindow.TotalHours:0} h ({before:P1} → {now1:P1}, {previous.Count} and {current.Count} samples)."),
                    drop, options.AccuracyDriftPoints));
            }
        }

        return found;
    }

    private static double Accuracy(List<QualitySample> samples) => (double)samples.Count(s => s.Correct == true) / samples.Count;
}
