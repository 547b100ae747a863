using System.Globalization;
using Foreman.Tracing;

namespace Foreman.Alerts;

/// <summary>A per-agent rate over the window against a threshold (loop rate, retry rate).</summary>
internal sealed class AgentRateRule(string name, ITraceStore traces, AlertRuleOptions options, Func<AgentTraceStats, int> volume, Func<AgentTraceStats, double> rate, double threshold, string what) : IAlertRule
{
    public string Name => name;

    public async Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stats = await traces.GetAgentStatsAsync(now - options.Window, now, cancellationToken);
        return stats
            .Where(s => volume(s) >= options.MinimumVolume && rate(s) > threshold)
            .Select(s => new AlertCandidate(
                name,
                s.Agent,
                rate(s) > threshold * 2 ? AlertSeverity.Error : AlertSeverity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"Agent '{s.Agent}': {rate(s):P1} {what} in the last {options.Window.TotalMinutes:0} min ({volume(s)} calls), above {threshold:P1}."),
                rate(s),
                threshold))
            .ToList();
    }
}
