using Foreman.Alerts;

namespace Foreman.Server.Alerts;

/// <summary>The alerts the rule engine keeps in its store (success rate, escalation rate, cost spikes, review SLAs, quality drift, loops, retries), as the API shows alerts.</summary>
internal sealed class StoredAlerts(IAlertStore store) : IAlertSource
{
    public async Task<IReadOnlyList<ServerAlert>> ListActiveAsync(CancellationToken cancellationToken)
    {
        var firing = await store.ListAsync(new AlertQuery(AlertState.Firing), cancellationToken);
        return [.. firing.Select(a => new ServerAlert(
            a.AlertId,
            a.Severity switch { AlertSeverity.Critical => "critical", AlertSeverity.Error => "error", AlertSeverity.Warning => "warning", _ => "info" },
            $"{a.Rule}: {a.Subject}",
            $"{a.Message} (value {a.Value:0.###}, threshold {a.Threshold:0.###}; seen {a.Occurrences} time(s), last {a.LastSeenAt:u})",
            $"rule {a.Rule}",
            a.FiredAt))];
    }
}
