using Foreman.Testing;

namespace Foreman.Testing.Tests;

public sealed class FakeTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Delay_SevenDays_CompletesAfterAdvanceAndNotBefore()
    {
        var clock = new FakeTimeProvider(Start);

        var delay = Task.Delay(TimeSpan.FromDays(7), clock, CancellationToken.None);

        delay.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromTicks(1));
        delay.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromTicks(1));
        await delay;
        clock.GetUtcNow().ShouldBe(Start.AddDays(7));
    }

    [Fact]
    public async Task Delay_CanceledBeforeDue_IsCanceledAndNeverFires()
    {
        var clock = new FakeTimeProvider(Start);
        using var cts = new CancellationTokenSource();

        var delay = Task.Delay(TimeSpan.FromHours(1), clock, cts.Token);
        await cts.CancelAsync();

        await Should.ThrowAsync<TaskCanceledException>(delay);
        clock.Advance(TimeSpan.FromHours(2));
    }

    [Fact]
    public void Advance_SeveralTimers_FireInDueTimeOrderAtTheirDueTimes()
    {
        var clock = new FakeTimeProvider(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow())), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow())), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var middle = clock.CreateTimer(_ => fired.Add(("middle", clock.GetUtcNow())), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(10));

        fired.ShouldBe(
        [
            ("early", Start.AddSeconds(1)),
            ("middle", Start.AddSeconds(2)),
            ("late", Start.AddSeconds(3)),
        ]);
        clock.GetUtcNow().ShouldBe(Start.AddSeconds(10));
    }

    [Fact]
    public void Advance_TimersDueAtTheSameTime_FireInCreationOrder()
    {
        var clock = new FakeTimeProvider(Start);
        var fired = new List<int>();
        var timers = Enumerable.Range(0, 5)
            .Select(i => clock.CreateTimer(_ => fired.Add(i), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan))
            .ToList();

        clock.Advance(TimeSpan.FromMinutes(1));

        fired.ShouldBe([0, 1, 2, 3, 4]);
        timers.ForEach(t => t.Dispose());
    }

    [Fact]
    public void Advance_PeriodicTimer_FiresOncePerPeriodCrossed()
    {
        var clock = new FakeTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(6));

        fired.ShouldBe([Start.AddSeconds(1), Start.AddSeconds(3), Start.AddSeconds(5)]);
    }

    [Fact]
    public void Advance_OneShotAndPeriodicTimers_Interleave()
    {
        var clock = new FakeTimeProvider(Start);
        var fired = new List<string>();
        using var tick = clock.CreateTimer(_ => fired.Add("tick"), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        using var once = clock.CreateTimer(_ => fired.Add("once"), null, TimeSpan.FromSeconds(2.5), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(3));

        fired.ShouldBe(["tick", "tick", "once", "tick"]);
    }

    [Fact]
    public void CreateTimer_ZeroDueTime_FiresBeforeReturning()
    {
        var clock = new FakeTimeProvider(Start);
        var count = 0;

        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        count.ShouldBe(1);
        clock.Advance(TimeSpan.FromDays(1));
        count.ShouldBe(1);
    }

    [Fact]
    public void CreateTimer_InfiniteDueTime_NeverFiresUntilChanged()
    {
        var clock = new FakeTimeProvider(Start);
        var count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromDays(365));
        count.ShouldBe(0);

        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan).ShouldBeTrue();
        clock.Advance(TimeSpan.FromSeconds(1));
        count.ShouldBe(1);
    }

    [Fact]
    public void Change_PendingTimer_ReschedulesRelativeToNow()
    {
        var clock = new FakeTimeProvider(Start);
        var firedAt = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => firedAt.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(4));

        timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan).ShouldBeTrue();
        clock.Advance(TimeSpan.FromSeconds(9));
        firedAt.ShouldBeEmpty();
        clock.Advance(TimeSpan.FromSeconds(1));

        firedAt.ShouldBe([Start.AddSeconds(14)]);
    }

    [Fact]
    public void Change_ToInfinite_StopsAPeriodicTimer()
    {
        var clock = new FakeTimeProvider(Start);
        var count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(2));

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan).ShouldBeTrue();
        clock.Advance(TimeSpan.FromSeconds(10));

        count.ShouldBe(2);
    }

    [Fact]
    public void Change_NegativeTime_Throws()
    {
        var clock = new FakeTimeProvider(Start);
        using var timer = clock.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        Should.Throw<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.FromSeconds(-2), Timeout.InfiniteTimeSpan));
        Should.Throw<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.Zero, TimeSpan.FromSeconds(-2)));
    }

    [Fact]
    public void Dispose_PendingTimer_NeverFiresAndChangeReturnsFalse()
    {
        var clock = new FakeTimeProvider(Start);
        var count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Dispose();
        timer.Dispose();
        clock.Advance(TimeSpan.FromMinutes(1));

        count.ShouldBe(0);
        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan).ShouldBeFalse();
        clock.Advance(TimeSpan.FromMinutes(1));
        count.ShouldBe(0);
    }

    [Fact]
    public async Task DisposeAsync_PeriodicTimerFromItsOwnCallback_StopsFurtherTicks()
    {
        var clock = new FakeTimeProvider(Start);
        var count = 0;
        ITimer? timer = null;
        timer = clock.CreateTimer(_ => { if (++count == 3) { timer!.Dispose(); } }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(10));

        count.ShouldBe(3);
        await timer.DisposeAsync();
    }

    [Fact]
    public void Advance_CallbackCreatesTimerDueWithinTheAdvance_FiresItToo()
    {
        var clock = new FakeTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        ITimer? second = null;
        using var first = clock.CreateTimer(
            _ => second = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan),
            null,
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(5));

        fired.ShouldBe([Start.AddSeconds(2)]);
        second!.Dispose();
    }

    [Fact]
    public void SetUtcNow_MovesForwardAndFiresDueTimers()
    {
        var clock = new FakeTimeProvider(Start);
        var count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        clock.SetUtcNow(Start.AddHours(2));

        count.ShouldBe(1);
        clock.GetUtcNow().ShouldBe(Start.AddHours(2));
    }

    [Fact]
    public void SetUtcNow_Backwards_Throws()
    {
        var clock = new FakeTimeProvider(Start);

        Should.Throw<ArgumentOutOfRangeException>(() => clock.SetUtcNow(Start.AddTicks(-1)));
        Should.Throw<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void GetElapsedTime_MovesExactlyWithAdvance()
    {
        var clock = new FakeTimeProvider(Start);
        var before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMilliseconds(1234.5));

        clock.TimestampFrequency.ShouldBe(TimeSpan.TicksPerSecond);
        clock.GetElapsedTime(before).ShouldBe(TimeSpan.FromMilliseconds(1234.5));
        clock.GetElapsedTime(before, clock.GetTimestamp()).ShouldBe(TimeSpan.FromMilliseconds(1234.5));
    }

    [Fact]
    public void AutoAdvanceAmount_EachReadMovesTheClock()
    {
        var clock = new FakeTimeProvider(Start) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };

        clock.GetUtcNow().ShouldBe(Start);
        clock.GetUtcNow().ShouldBe(Start.AddSeconds(1));
        clock.GetUtcNow().ShouldBe(Start.AddSeconds(2));
        Should.Throw<ArgumentOutOfRangeException>(() => clock.AutoAdvanceAmount = TimeSpan.FromSeconds(-1));
    }

    [Fact]
    public void Constructor_Default_StartsAtTheMillennium()
    {
        var clock = new FakeTimeProvider();

        clock.GetUtcNow().ShouldBe(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        clock.Start.ShouldBe(clock.GetUtcNow());
        clock.ToString().ShouldBe("2000-01-01T00:00:00.000Z");
        clock.LocalTimeZone.ShouldBe(TimeZoneInfo.Utc);
    }

    [Fact]
    public async Task PeriodicTimer_DrivenByTheFakeClock_TicksOnAdvance()
    {
        var clock = new FakeTimeProvider(Start);
        using var periodic = new PeriodicTimer(TimeSpan.FromMinutes(5), clock);

        var tick = periodic.WaitForNextTickAsync(CancellationToken.None).AsTask();
        tick.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromMinutes(5));

        (await tick).ShouldBeTrue();
    }

    [Fact]
    public void CancellationTokenSource_WithFakeClock_CancelsOnAdvance()
    {
        var clock = new FakeTimeProvider(Start);
        using var cts = new CancellationTokenSource(TimeSpan.FromDays(7), clock);

        cts.IsCancellationRequested.ShouldBeFalse();
        clock.Advance(TimeSpan.FromDays(7));

        cts.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task Advance_ConcurrentTimerCreation_FiresEveryTimerExactlyOnce()
    {
        var clock = new FakeTimeProvider(Start);
        var counts = new int[4 * 500];
        var timers = new System.Collections.Concurrent.ConcurrentBag<ITimer>();

        var creators = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var slot = (worker * 500) + i;
                timers.Add(clock.CreateTimer(_ => Interlocked.Increment(ref counts[slot]), null, TimeSpan.FromSeconds(1 + (slot % 50)), Timeout.InfiniteTimeSpan));
            }
        })).ToList();
        var advancer = Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(500));
            }
        });
        await Task.WhenAll([.. creators, advancer]);

        clock.Advance(TimeSpan.FromMinutes(2));

        counts.ShouldAllBe(c => c == 1);
        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }
}
