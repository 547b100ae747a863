using Foreman.Server.Auth;
using Foreman.Server.Metrics;
using Foreman.Testing;

namespace Foreman.Server.Tests;

/// <summary>Session expiry and the request log's percentiles, on a fake clock.</summary>
public sealed class SessionStoreTests
{
    [Fact]
    public void Session_ExpiresAfterItsLifetime_AndClosedSessionsAreGone()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var sessions = new SessionStore(clock, TimeSpan.FromHours(8));
        var (token, session) = sessions.Open("key_000000000001");
        sessions.Find(token).ShouldBe(session);
        sessions.Find(token + "x").ShouldBeNull();
        sessions.Find(null).ShouldBeNull();

        clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        sessions.Find(token).ShouldNotBeNull();
        clock.Advance(TimeSpan.FromSeconds(1));
        sessions.Find(token).ShouldBeNull();

        var (second, _) = sessions.Open("key_000000000001");
        sessions.Close(second);
        sessions.Find(second).ShouldBeNull();
    }

    [Fact]
    public void Sessions_AreBounded()
    {
        var clock = new FakeTimeProvider();
        var sessions = new SessionStore(clock, TimeSpan.FromHours(1));
        var first = sessions.Open("key_000000000001").Token;
        for (var i = 0; i < SessionStore.Capacity; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            sessions.Open("key_000000000001");
        }

        sessions.Find(first).ShouldBeNull();
    }

    [Fact]
    public void RequestLog_NearestRankPercentiles_OverTheLastFiveMinutes()
    {
        var clock = new FakeTimeProvider();
        var log = new RequestLog(clock);
        for (var i = 1; i <= 100; i++)
        {
            log.Record(i, i == 100 ? 500 : 200);
        }

        var (perMinute, p50, p95, p99, success) = log.Summarize();
        perMinute.ShouldBe(100);
        p50.ShouldBe(50);
        p95.ShouldBe(95);
        p99.ShouldBe(99);
        success.ShouldBe(0.99);

        clock.Advance(TimeSpan.FromMinutes(2));
        log.Summarize().PerMinute.ShouldBe(0);
        clock.Advance(TimeSpan.FromMinutes(4));
        log.Summarize().ShouldBe((0, 0d, 0d, 0d, 1d));
    }
}
