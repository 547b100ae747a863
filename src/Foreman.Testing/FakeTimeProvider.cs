using System.Globalization;

namespace Foreman.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test moves it, so a seven-day timeout runs in
/// microseconds. Timers created through <see cref="CreateTimer"/> fire synchronously, on the thread that
/// advances the clock, in due-time order (ties in creation order); a periodic timer fires once for every
/// period the advance crosses. Thread-safe: any thread may read, advance or create timers.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _scheduled = [];
    private long _nowTicks;
    private long _nextSequence;
    private TimeSpan _autoAdvanceAmount;
    private TimeZoneInfo _localTimeZone = TimeZoneInfo.Utc;

    /// <summary>Creates a clock that starts at 2000-01-01T00:00:00Z.</summary>
    public FakeTimeProvider()
        : this(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Creates a clock that starts at <paramref name="startDateTime"/>.</summary>
    /// <param name="startDateTime">The initial time; converted to UTC.</param>
    public FakeTimeProvider(DateTimeOffset startDateTime)
    {
        _nowTicks = startDateTime.UtcTicks;
        Start = startDateTime.ToUniversalTime();
    }

    /// <summary>Gets the time the clock started at, in UTC.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>
    /// Gets or sets how far the clock moves forward after each call to <see cref="GetUtcNow"/>, so code that
    /// polls the time sees it pass. Timestamps (<see cref="GetTimestamp"/>) do not auto-advance. The default
    /// value is <see cref="TimeSpan.Zero"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan AutoAdvanceAmount
    {
        get
        {
            lock (_lock)
            {
                return _autoAdvanceAmount;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_lock)
            {
                _autoAdvanceAmount = value;
            }
        }
    }

    /// <summary>Gets the time zone reported as local; set it with <see cref="SetLocalTimeZone"/>. The default is UTC.</summary>
    public override TimeZoneInfo LocalTimeZone
    {
        get
        {
            lock (_lock)
            {
                return _localTimeZone;
            }
        }
    }

    /// <summary>Gets the frequency of <see cref="GetTimestamp"/>: one tick per <see cref="TimeSpan"/> tick.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Gets the current time, then moves the clock by <see cref="AutoAdvanceAmount"/>.</summary>
    /// <returns>The current UTC time.</returns>
    public override DateTimeOffset GetUtcNow()
    {
        DateTimeOffset now;
        TimeSpan autoAdvance;
        lock (_lock)
        {
            now = new DateTimeOffset(_nowTicks, TimeSpan.Zero);
            autoAdvance = _autoAdvanceAmount;
        }

        if (autoAdvance > TimeSpan.Zero)
        {
            Advance(autoAdvance);
        }

        return now;
    }

    /// <summary>Gets a timestamp that moves exactly with the clock, so elapsed-time measurements see advances.</summary>
    /// <returns>The current time in ticks of <see cref="TimestampFrequency"/>.</returns>
    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _nowTicks;
        }
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, each at its due time.</summary>
    /// <param name="delta">How far to move; zero fires timers that are already due.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        long target;
        lock (_lock)
        {
            target = _nowTicks + delta.Ticks;
        }

        RunUntil(target);
    }

    /// <summary>Moves the clock to <paramref name="value"/>, firing every timer that falls due on the way.</summary>
    /// <param name="value">The new time; it must not be earlier than the current time.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is in the past.</exception>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_lock)
        {
            // Time never runs backwards: timers already fired could not be un-fired.
            if (value.UtcTicks < _nowTicks)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The clock cannot go back from {new DateTimeOffset(_nowTicks, TimeSpan.Zero):O} to {value:O}.");
            }
        }

        RunUntil(value.UtcTicks);
    }

    /// <summary>Sets the time zone that <see cref="LocalTimeZone"/> reports.</summary>
    /// <param name="localTimeZone">The time zone.</param>
    public void SetLocalTimeZone(TimeZoneInfo localTimeZone)
    {
        ArgumentNullException.ThrowIfNull(localTimeZone);
        lock (_lock)
        {
            _localTimeZone = localTimeZone;
        }
    }

    /// <summary>
    /// Creates a timer driven by this clock. A due time of zero fires the callback before this method returns,
    /// on the calling thread.
    /// </summary>
    /// <param name="callback">The callback to invoke.</param>
    /// <param name="state">The state passed to <paramref name="callback"/>.</param>
    /// <param name="dueTime">The delay before the first call, or <see cref="Timeout.InfiniteTimeSpan"/> to stay idle.</param>
    /// <param name="period">The interval between later calls, or <see cref="Timeout.InfiniteTimeSpan"/> (or zero) for one call.</param>
    /// <returns>The timer; dispose it to cancel.</returns>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Returns the current time in ISO 8601 form, which makes test failures readable.</summary>
    /// <returns>The current UTC time.</returns>
    public override string ToString()
    {
        lock (_lock)
        {
            return new DateTimeOffset(_nowTicks, TimeSpan.Zero).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Schedules (or reschedules) a timer; called by <see cref="FakeTimer.Change"/>.</summary>
    internal void Schedule(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        long fireAt;
        lock (_lock)
        {
            _scheduled.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan || timer.IsDisposed)
            {
                return;
            }

            timer.DueTicks = _nowTicks + dueTime.Ticks;
            // A zero period means "once", as with System.Threading.Timer.
            timer.PeriodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            timer.Sequence = _nextSequence++;
            _scheduled.Add(timer);
            fireAt = dueTime == TimeSpan.Zero ? timer.DueTicks : -1;
        }

        if (fireAt >= 0)
        {
            RunUntil(fireAt);
        }
    }

    /// <summary>Removes a timer from the schedule; called when it is disposed.</summary>
    internal void Unschedule(FakeTimer timer)
    {
        lock (_lock)
        {
            _scheduled.Remove(timer);
        }
    }

    private void RunUntil(long targetTicks)
    {
        while (true)
        {
            FakeTimer? due = null;
            lock (_lock)
            {
                foreach (var candidate in _scheduled)
                {
                    if (candidate.DueTicks <= targetTicks
                        && (due is null || candidate.DueTicks < due.DueTicks || (candidate.DueTicks == due.DueTicks && candidate.Sequence < due.Sequence)))
                    {
                        due = candidate;
                    }
                }

                if (due is null)
                {
                    _nowTicks = Math.Max(_nowTicks, targetTicks);
                    return;
                }

                // The callback observes the clock at the timer's due time, not at the end of the advance.
                _nowTicks = Math.Max(_nowTicks, due.DueTicks);
                if (due.PeriodTicks > 0)
                {
                    due.DueTicks += due.PeriodTicks;
                    due.Sequence = _nextSequence++;
                }
                else
                {
                    _scheduled.Remove(due);
                }
            }

            // Outside the lock: a callback may read the clock, advance it or change timers.
            due.Fire();
        }
    }
}
