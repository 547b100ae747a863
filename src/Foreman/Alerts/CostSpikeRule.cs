using System.Globalization;
using Foreman.Tracing;

namespace Foreman.Alerts;

/// <summary>An agent's mean cost per invocation in the window against its rolling average over the baseline period.</summary>
internal sealed class CostSpikeRule(ITraceStore traces, AlertRuleOptions options) : IAlertRule
{
    public string Name => AlertRules.CostSpike;

    public async Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = now - options.Window;
        var current = await traces.GetAgentStatsAsync(from, now, cancellationToken);
        var baseline = (await traces.GetAgentStatsAsync(from - options.BaselineWindow, from, cancellationToken)).ToDictionary(s => s.Agent, StringComparer.Ordinal);
        var found = new List<AlertCandidate>();
        foreach (var stats in current.Where(s => s.Invocations >= options.MinimumVolume))
        {
            if (!baseline.TryGetValue(stats.Agent, out var before) || before.Invocations < options.MinimumVolume || before.CostPerInvocation <= 0)
            {
                continue;
            }

            var ratio = (double)(stats.CostPerInvocation / before.CostPerInvocation);
            if (ratio > options.CostSpikeFactor)
            {
                found.Add(new AlertCandidate(Name, stats.Agent, ratio > options.CostSpikeFactor * 2 ? AlertSeverity.Error : AlertSeverity.Warning,
                    string.Create(CultureInfo.InvariantCulture, $"Agent '{stats.Agent}': mean cost per invocation {stats.CostPerInvocation:0.######} is {ratio:0.0}x its rolling average {before.CostPerInvocation:0.######}."),
                    ratio, options.CostSpikeFactor));
            }
        }

        return found;
    }
}
