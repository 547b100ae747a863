namespace Foreman.Resilience;

/// <summary>
/// A token bucket that holds <see cref="PerMinute"/> tokens and refills continuously at that many a minute, with
/// time measured on a <see cref="TimeProvider"/>, so a fake clock controls rate limits in tests.
/// (System.Threading.RateLimiting's bucket measures elapsed time with Stopwatch even when replenished by hand, so a
/// fake clock cannot drive it.) Thread-safe.
/// </summary>
internal sealed class TimedTokenBucket : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private long _tokens;

    // Progress toward the next token, in token-ticks (one token is TimeSpan.TicksPerMinute of them); exact, no drift.
    private long _credit;
    private long _lastRefill;

    /// <summary>Creates a full bucket of <paramref name="perMinute"/> tokens that refills evenly over a minute.</summary>
    public TimedTokenBucket(long perMinute, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1);
        ArgumentNullException.ThrowIfNull(timeProvider);
        PerMinute = perMinute;
        _timeProvider = timeProvider;
        _tokens = perMinute;
        _lastRefill = timeProvider.GetTimestamp();
    }

    /// <summary>Gets the configured capacity per minute.</summary>
    public long PerMinute { get; }

    /// <summary>Gets the tokens available now.</summary>
    public long Available
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _tokens;
            }
        }
    }

    /// <summary>Takes <paramref name="tokens"/> if they are all available now.</summary>
    public bool TryTake(long tokens)
    {
        if (tokens <= 0)
        {
            return true;
        }

        // A request larger than the whole bucket could never be served: it takes the full bucket instead.
        var wanted = Math.Min(tokens, PerMinute);
        lock (_lock)
        {
            Refill();
            if (_tokens < wanted)
            {
                return false;
            }

            _tokens -= wanted;
            return true;
        }
    }

    /// <summary>Waits until <paramref name="tokens"/> are available or <paramref name="maxWait"/> passes.</summary>
    public async ValueTask<bool> TakeAsync(long tokens, TimeSpan maxWait, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var start = timeProvider.GetTimestamp();
        while (!TryTake(tokens))
        {
            var remaining = maxWait - timeProvider.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            // Sleep until the tokens are due, but never past the caller's limit.
            var due = TimeUntilAvailable(tokens);
            await Task.Delay(due < remaining ? due : remaining, timeProvider, cancellationToken);
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to release: the bucket refills lazily, without a timer.
    }

    private TimeSpan TimeUntilAvailable(long tokens)
    {
        var wanted = Math.Min(tokens, PerMinute);
        lock (_lock)
        {
            Refill();
            var missing = (Int128)(wanted - _tokens) * TimeSpan.TicksPerMinute - _credit;
            var ticks = (missing + PerMinute - 1) / PerMinute;
            return TimeSpan.FromTicks((long)Int128.Clamp(ticks, 1, TimeSpan.TicksPerMinute));
        }
    }

    // Called under the lock.
    private void Refill()
    {
        var now = _timeProvider.GetTimestamp();
        var elapsed = _timeProvider.GetElapsedTime(_lastRefill, now).Ticks;
        _lastRefill = now;
        if (elapsed <= 0)
        {
            return;
        }

        if (elapsed >= TimeSpan.TicksPerMinute)
        {
            _tokens = PerMinute;
            _credit = 0;
            return;
        }

        var credit = (Int128)elapsed * PerMinute + _credit;
        var added = credit / TimeSpan.TicksPerMinute;
        if (_tokens + added >= PerMinute)
        {
            _tokens = PerMinute;
            _credit = 0;
        }
        else
        {
            _tokens += (long)added;
            _credit = (long)(credit % TimeSpan.TicksPerMinute);
        }
    }
}
