using Foreman.Resilience;
using Foreman.Testing;
using Foreman.Tests.Tools;

namespace Foreman.Tests.Resilience;

public sealed class TimedTokenBucketTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryTake_FullBucket_GivesUpToTheCapacityThenRefuses()
    {
        using var bucket = new TimedTokenBucket(3, _time);

        bucket.Available.ShouldBe(3);
        bucket.TryTake(1).ShouldBeTrue();
        bucket.TryTake(2).ShouldBeTrue();
        bucket.TryTake(1).ShouldBeFalse();
        bucket.Available.ShouldBe(0);
    }

    [Fact]
    public void TryTake_NothingRequested_AlwaysSucceeds()
    {
        using var bucket = new TimedTokenBucket(1, _time);
        bucket.TryTake(1);

        bucket.TryTake(0).ShouldBeTrue();
        bucket.TryTake(-1).ShouldBeTrue();
    }

    [Fact]
    public void TryTake_MoreThanTheWholeBucket_TakesTheFullBucketInstead()
    {
        using var bucket = new TimedTokenBucket(10, _time);

        bucket.TryTake(1_000).ShouldBeTrue();
        bucket.Available.ShouldBe(0);
    }

    [Fact]
    public void Refill_IsDrivenByTheClockInEvenSteps()
    {
        using var bucket = new TimedTokenBucket(60, _time);
        bucket.TryTake(60).ShouldBeTrue();

        _time.Advance(TimeSpan.FromMilliseconds(999));
        bucket.Available.ShouldBe(0);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        bucket.Available.ShouldBe(1);
        _time.Advance(TimeSpan.FromSeconds(29));
        bucket.Available.ShouldBe(30);
    }

    [Fact]
    public void Refill_NeverExceedsTheCapacity()
    {
        using var bucket = new TimedTokenBucket(5, _time);

        _time.Advance(TimeSpan.FromMinutes(10));

        bucket.Available.ShouldBe(5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(60)]
    [InlineData(61)]
    [InlineData(90)]
    [InlineData(119)]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public void Refill_OverOneMinute_RestoresExactlyPerMinuteTokens(int perMinute)
    {
        // The sustained rate must be the configured one: integer steps must not drop the remainder.
        using var bucket = new TimedTokenBucket(perMinute, _time);
        bucket.TryTake(perMinute).ShouldBeTrue();

        _time.Advance(TimeSpan.FromMinutes(1));

        bucket.Available.ShouldBe(perMinute);
    }

    [Fact]
    public async Task TakeAsync_TokenFreesWithinMaxWait_WaitsForIt()
    {
        using var bucket = new TimedTokenBucket(2, _time);
        bucket.TryTake(2);

        var take = ClockDriver.StartInline(() => bucket.TakeAsync(1, TimeSpan.FromMinutes(1), _time, CancellationToken.None).AsTask());
        await ClockDriver.YieldUntilAsync(take);
        take.IsCompleted.ShouldBeFalse();

        (await _time.DriveAsync(take, TimeSpan.FromSeconds(1))).ShouldBeTrue();
        (_time.GetUtcNow() - _time.Start).ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task TakeAsync_NoTokenWithinMaxWait_GivesUpAtMaxWaitNotLater()
    {
        // The next token comes at 30 s; a caller willing to wait 10 s must hear "no" after 10 s, not 30.
        using var bucket = new TimedTokenBucket(2, _time);
        bucket.TryTake(2);

        var take = ClockDriver.StartInline(() => bucket.TakeAsync(1, TimeSpan.FromSeconds(10), _time, CancellationToken.None).AsTask());
        var granted = await _time.DriveAsync(take, TimeSpan.FromSeconds(1), maxSteps: 60);

        granted.ShouldBeFalse();
        (_time.GetUtcNow() - _time.Start).ShouldBe(TimeSpan.FromSeconds(10));
        bucket.Available.ShouldBe(0);
    }

    [Fact]
    public async Task TakeAsync_ZeroMaxWait_AnswersAtOnce()
    {
        using var bucket = new TimedTokenBucket(1, _time);
        bucket.TryTake(1);

        var take = bucket.TakeAsync(1, TimeSpan.Zero, _time, CancellationToken.None);

        take.IsCompleted.ShouldBeTrue();
        (await take).ShouldBeFalse();
    }

    [Fact]
    public async Task TakeAsync_Cancelled_Throws()
    {
        using var bucket = new TimedTokenBucket(1, _time);
        bucket.TryTake(1);
        using var cts = new CancellationTokenSource();

        var take = bucket.TakeAsync(1, TimeSpan.FromMinutes(5), _time, cts.Token).AsTask();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(take);
    }

    [Fact]
    public void Constructor_LessThanOnePerMinute_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new TimedTokenBucket(0, _time));
    }
}
