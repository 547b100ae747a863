using System.Globalization;
using Foreman.Reviews;

namespace Foreman.Alerts;

/// <summary>
/// Mean time in a review queue against its SLA, over items decided in the window and items still pending (counted
/// at their age so far, so a queue nobody works still fires).
/// </summary>
internal sealed class ReviewSlaRule(IReviewStore reviews, AlertRuleOptions options) : IAlertRule
{
    public string Name => AlertRules.ReviewSla;

    public async Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = now - options.Window;
        var items = (await reviews.ListAsync(new ReviewQuery(), cancellationToken))
            .Where(i => i.Status == ReviewStatus.Pending || (i.DecidedAt is { } d && d >= from && i.Status != ReviewStatus.Expired) || (i.Status == ReviewStatus.Expired && i.DecidedAt >= from))
            .ToList();
        var found = new List<AlertCandidate>();
        foreach (var queue in items.GroupBy(i => i.Queue, StringComparer.Ordinal))
        {
            var mean = TimeSpan.FromTicks((long)queue.Average(i => ((i.DecidedAt ?? now) - i.CreatedAt).Ticks));
            var sla = options.ReviewSlas.TryGetValue(queue.Key, out var configured) ? configured : TimeSpan.FromTicks((long)queue.Average(i => (i.DueAt - i.CreatedAt).Ticks));
            if (mean > sla)
            {
                found.Add(new AlertCandidate(Name, queue.Key, mean > sla * 2 ? AlertSeverity.Error : AlertSeverity.Warning,
                    string.Create(CultureInfo.InvariantCulture, $"Review queue '{queue.Key}': mean time in queue {mean.TotalHours:0.0} h over {queue.Count()} item(s), above its SLA of {sla.TotalHours:0.0} h."),
                    mean.TotalHours, sla.TotalHours));
            }
        }

        return found;
    }
}
