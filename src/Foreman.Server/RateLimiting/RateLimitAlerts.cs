using Foreman.Server.Alerts;

namespace Foreman.Server.RateLimiting;

/// <summary>
/// Raises a warning while requests were refused by the rate limits in the last five minutes, naming the client
/// refused most: a runaway integration, a leaked key or someone guessing keys shows up on the Alerts page.
/// </summary>
internal sealed class RateLimitAlerts(RateLimitLedger ledger) : IAlertSource
{
    public Task<IReadOnlyList<ServerAlert>> ListActiveAsync(CancellationToken cancellationToken)
    {
        var recent = ledger.Recent();
        if (recent.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ServerAlert>>([]);
        }

        var total = recent.Sum(r => r.Count);
        var (top, count, _) = recent[0];
        var who = top.IsKey ? $"key {top.Client}" : $"address {top.Client}";
        var others = recent.Count > 1 ? $" {recent.Count - 1} other client/budget pair(s) were refused too." : string.Empty;
        var hint = top.Scope == RateLimitScope.SignIn
            ? "Repeated sign-in attempts: someone may be guessing keys."
            : "A runaway client or a leaked key; revoke the key if it is not yours, or raise the budget (docs/server.md, Rate limits).";
        var alert = new ServerAlert(
            "rate-limited",
            "warning",
            $"{total} request(s) refused by rate limits in the last 5 minutes",
            $"Most from {who}: {count} over its {top.ScopeName} budget.{others} {hint}",
            "rate limits",
            recent.Min(r => r.First));
        return Task.FromResult<IReadOnlyList<ServerAlert>>([alert]);
    }
}
