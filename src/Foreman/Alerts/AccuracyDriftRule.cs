using System.Globalization;
using Foreman.Quality;

namespace Foreman.Alerts;

/// <summary>
/// Accuracy of an agent on a task type in the last drift window against the window before it. A fall fires only
/// when it is larger than <see cref="AlertRuleOptions.AccuracyDriftPoints"/> and statistically clear: a one-sided
/// pooled two-proportion z test at <see cref="AlertRuleOptions.DriftConfidence"/>, so sampling noise between two
/// windows of a stable agent does not fire it.
/// </summary>
internal sealed class AccuracyDriftRule(QualityMonitor quality, AlertRuleOptions options) : IAlertRule
{
    private readonly double _critical = Proportions.NormalQuantile(options.DriftConfidence);

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

            int rightNow = Correct(current), rightBefore = Correct(previous);
            var drop = ((double)rightBefore / previous.Count) - ((double)rightNow / current.Count);
            var z = Proportions.DecreaseZ(rightBefore, previous.Count, rightNow, current.Count);
            if (drop > options.AccuracyDriftPoints && z >= _critical)
            {
                var confidence = quality.ConfidenceLevel;
                var before = ProportionInterval.Wilson(rightBefore, previous.Count, confidence);
                var after = ProportionInterval.Wilson(rightNow, current.Count, confidence);
                found.Add(new AlertCandidate(Name, $"{group.Key.Agent}/{group.Key.TaskType}", drop > options.AccuracyDriftPoints * 3 ? AlertSeverity.Error : AlertSeverity.Warning,
                    string.Create(CultureInfo.InvariantCulture, $"Agent '{group.Key.Agent}' on {group.Key.TaskType}: accuracy fell {drop * 100:0.0} points within {options.DriftWindow.TotalHours:0} h ({before.Estimate:P1} [{before.Lower:P1}–{before.Upper:P1}] over {previous.Count} samples → {after.Estimate:P1} [{after.Lower:P1}–{after.Upper:P1}] over {current.Count}; z = {z:0.00}, significant at {options.DriftConfidence:P1})."),
                    drop, options.AccuracyDriftPoints));
            }
        }

        return found;
    }

    private static int Correct(List<QualitySample> samples) => samples.Count(s => s.Correct == true);
}
