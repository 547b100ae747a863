using System.Threading.RateLimiting;

namespace Foreman.Resilience;

/// <summary>
/// A token bucket (System.Threading.RateLimiting) whose refills are driven by a <see cref="TimeProvider"/>
/// timer instead of the framework's own wall-clock timer, so a fake clock controls rate limits in tests.
/// Thread-safe.
/// </summary>
internal sealed class TimedTokenBucket : IDisposable
{
    private readonly TokenBucketRateLimiter _limiter;
    private readonly ITimer _timer;

    /// <summary>Creates a bucket holding <paramref name="perMinute"/> tokens that refills evenly over a minute.</summary>
    public TimedTokenBucket(long perMinute, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1);
        PerMinute = perMinute;

        // Refill in small, even steps so capacity returns smoothly rather than all at once each minute.
        var steps = (int)Math.Min(perMinute, 60);
        var period = TimeSpan.FromMinutes(1) / steps;
        var tokensPerPeriod = (int)Math.Max(1, Math.Min(int.MaxValue, perMinute / steps));
        _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = (int)Math.Min(int.MaxValue, perMinute),
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = 0,
        });
        _timer = timeProvider.CreateTimer(static state => ((TokenBucketRateLimiter)state!).TryReplenish(), _limiter, period, period);
    }

    /// <summary>Gets the configured capacity per minute.</summary>
    public long PerMinute { get; }

    /// <summary>Gets the tokens available now.</summary>
    public long Available => _limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;

    /// <summary>Takes <paramref name="tokens"/> if they are all available now.</summary>
    public bool TryTake(long tokens)
    {
        if (tokens <= 0)
        {
            return true;
        }

        // A request larger than the whole bucket could never be served: it takes the full bucket instead.
        using var lease = _limiter.AttemptAcquire((int)Math.Min(tokens, PerMinute));
        return lease.IsAcquired;
    }

    /// <summary>Waits until <paramref name="tokens"/> are available or <paramref name="maxWait"/> passes.</summary>
    public async ValueTask<bool> TakeAsync(long tokens, TimeSpan maxWait, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (TryTake(tokens))
        {
            return true;
        }

        var deadline = timeProvider.GetUtcNow() + maxWait;
        var step = TimeSpan.FromMinutes(1) / Math.Min(PerMinute, 60);
        while (timeProvider.GetUtcNow() < deadline)
        {
            await Task.Delay(step, timeProvider, cancellationToken);
            if (TryTake(tokens))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer.Dispose();
        _limiter.Dispose();
    }
}
