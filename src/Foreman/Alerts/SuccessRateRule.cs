using System.Globalization;
using Foreman.Tracing;

namespace Foreman.Alerts;

/// <summary>A pipeline's success rate (completed per finished run) in the window against its baseline.</summary>
internal sealed class SuccessRateRule(ITraceStore traces, AlertRuleOptions options) : IAlertRule
{
    private static readonly HashSet<string> Finished = new(StringComparer.Ordinal) { "completed", "failed", "dead_lettered" };

    public string Name => AlertRules.SuccessRate;

    public async Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = now - options.Window;
        var current = Rates(await AlertRules.RunsAsync(traces, from, now, cancellationToken));
        var history = Rates(await AlertRules.RunsAsync(traces, from - options.BaselineWindow, from, cancellationToken));
        var found = new List<AlertCandidate>();
        foreach (var (pipeline, (runs, rate)) in current.Where(c => c.Value.Runs >= options.MinimumVolume))
        {
            double? baseline = options.SuccessRateBaselines.TryGetValue(pipeline, out var configured) ? configured
                : history.TryGetValue(pipeline, out var past) && past.Runs >= options.MinimumVolume ? past.Rate : null;
            if (baseline is { } b && rate < b - options.SuccessRateTolerance)
            {
                found.Add(new AlertCandidate(Name, pipeline, rate < b - (options.SuccessRateTolerance * 3) ? AlertSeverity.Error : AlertSeverity.Warning,
                    string.Create(CultureInfo.InvariantCulture, $"Pipeline '{pipeline}': {rate:P1} of {runs} runs succeeded in the last {options.Window.TotalMinutes:0} min, below its baseline of {b:P1}."),
                    rate, b));
            }
        }

        return found;
    }

    private static Dictionary<string, (int Runs, double Rate)> Rates(IReadOnlyList<TraceRunSummary> runs) =>
        runs.Where(r => r.Pipeline is not null && r.Status is not null && Finished.Contains(r.Status))
            .GroupBy(r => r.Pipeline!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Count(), (double)g.Count(r => r.Status == "completed") / g.Count()), StringComparer.Ordinal);
}
