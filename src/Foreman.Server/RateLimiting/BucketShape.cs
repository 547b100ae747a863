using System.Threading.RateLimiting;

namespace Foreman.Server.RateLimiting;

/// <summary>
/// A <see cref="RateLimitBudget"/> turned into token-bucket settings, copied when the server starts. The bucket refills
/// one share every <see cref="Period"/> (at least 100 ms, the partitioned limiter's replenishment tick), so a budget of
/// 600 per minute gains one request every 100 ms rather than 600 at the top of each minute.
/// </summary>
/// <param name="Budget">The budget as configured, for messages.</param>
/// <param name="TokenLimit">The bucket size.</param>
/// <param name="TokensPerPeriod">Requests added each period.</param>
/// <param name="Period">The refill period.</param>
internal sealed record BucketShape(string Budget, int TokenLimit, int TokensPerPeriod, TimeSpan Period)
{
    private static readonly TimeSpan MinimumPeriod = TimeSpan.FromMilliseconds(100);

    public static BucketShape From(RateLimitBudget budget)
    {
        var period = TimeSpan.FromTicks(Math.Max(budget.Window.Ticks / budget.PermitLimit, MinimumPeriod.Ticks));
        var tokens = (int)Math.Clamp(Math.Round((double)budget.PermitLimit * period.Ticks / budget.Window.Ticks), 1, budget.PermitLimit);
        return new BucketShape(budget.ToString(), budget.PermitLimit, tokens, period);
    }

    public TokenBucketRateLimiterOptions ToOptions() => new()
    {
        TokenLimit = TokenLimit,
        TokensPerPeriod = TokensPerPeriod,
        ReplenishmentPeriod = Period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
