namespace Foreman.Testing;

/// <summary>A timer of a <see cref="FakeTimeProvider"/>: it holds its schedule, the provider fires it.</summary>
internal sealed class FakeTimer : ITimer
{
    private readonly FakeTimeProvider _owner;
    private readonly object? _state;
    private TimerCallback? _callback;

    public FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state)
    {
        _owner = owner;
        _callback = callback;
        _state = state;
    }

    /// <summary>Gets or sets the clock ticks at which the timer fires next; guarded by the provider's lock.</summary>
    public long DueTicks { get; set; }

    /// <summary>Gets or sets the period in ticks, zero for a one-shot timer; guarded by the provider's lock.</summary>
    public long PeriodTicks { get; set; }

    /// <summary>Gets or sets the scheduling order, which breaks ties between timers due at the same tick.</summary>
    public long Sequence { get; set; }

    /// <summary>Gets a value indicating whether the timer was disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _callback) is null;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        ValidateTime(dueTime, nameof(dueTime));
        ValidateTime(period, nameof(period));
        if (IsDisposed)
        {
            return false;
        }

        _owner.Schedule(this, dueTime, period);
        return true;
    }

    public void Fire()
    {
        // A timer disposed between being picked and being fired stays silent, as a real one would try to.
        Volatile.Read(ref _callback)?.Invoke(_state);
    }

    public void Dispose()
    {
        Volatile.Write(ref _callback, null);
        _owner.Unschedule(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void ValidateTime(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "The time must be zero or more, or Timeout.InfiniteTimeSpan.");
        }
    }
}
