using Foreman.Server.Auth;
using Foreman.Server.Metrics;
using Foreman.Testing;

namespace Foreman.Server.Tests;

/// <summary>Session expiry (sliding and absolute), revocation, anti-forgery derivation and the request log's percentiles, on a fake clock.</summary>
public sealed class SessionStoreTests
{
    private static readonly ApiKeyInfo Dana = new() { KeyId = "key_000000000001", Name = "dana", Role = Role.Reviewer, CreatedAt = DateTimeOffset.UnixEpoch };

    [Fact]
    public async Task Session_SlidesWithUse_ButEndsAtItsAbsoluteLifetime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var sessions = new DashboardSessions(new InMemorySessionStore(), clock, TimeSpan.FromHours(8), TimeSpan.FromHours(24));
        var (token, _) = await sessions.OpenAsync(Dana, CancellationToken.None);

        // Used every seven hours, it outlives its eight-hour idle lifetime...
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromHours(7));
            (await sessions.FindAsync(token, CancellationToken.None)).ShouldNotBeNull($"after {7 * (i + 1)} h");
        }

        // ...but not its 24-hour absolute lifetime.
        clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));
        (await sessions.FindAsync(token, CancellationToken.None)).ShouldNotBeNull();
        clock.Advance(TimeSpan.FromSeconds(1));
        (await sessions.FindAsync(token, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Session_Unused_ExpiresAfterItsIdleLifetime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var sessions = new DashboardSessions(new InMemorySessionStore(), clock, TimeSpan.FromHours(8), TimeSpan.FromHours(24));
        var (token, _) = await sessions.OpenAsync(Dana, CancellationToken.None);
        (await sessions.FindAsync(token, CancellationToken.None))!.KeyId.ShouldBe(Dana.KeyId);
        (await sessions.FindAsync(token + "x", CancellationToken.None)).ShouldBeNull();
        (await sessions.FindAsync(null, CancellationToken.None)).ShouldBeNull();
        (await sessions.FindAsync(new string('a', 500), CancellationToken.None)).ShouldBeNull();

        clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        (await sessions.FindAsync(token, CancellationToken.None)).ShouldNotBeNull();
        clock.Advance(TimeSpan.FromHours(8));
        (await sessions.FindAsync(token, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task SignOut_AndKeyRevocation_EndSessions()
    {
        var clock = new FakeTimeProvider();
        var sessions = new DashboardSessions(new InMemorySessionStore(), clock, TimeSpan.FromHours(8), TimeSpan.FromHours(24));
        var (first, _) = await sessions.OpenAsync(Dana, CancellationToken.None);
        var (second, _) = await sessions.OpenAsync(Dana, CancellationToken.None);
        var (other, _) = await sessions.OpenAsync(Dana with { KeyId = "key_000000000002" }, CancellationToken.None);

        await sessions.CloseAsync(first, CancellationToken.None);
        (await sessions.FindAsync(first, CancellationToken.None)).ShouldBeNull();
        (await sessions.FindAsync(second, CancellationToken.None)).ShouldNotBeNull();

        (await sessions.CloseAllForKeyAsync(Dana.KeyId, CancellationToken.None)).ShouldBe(1);
        (await sessions.FindAsync(second, CancellationToken.None)).ShouldBeNull();
        (await sessions.FindAsync(other, CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task CsrfToken_IsDerivedFromTheSessionToken_AndIsNeitherItNorItsStoredHash()
    {
        var sessions = new DashboardSessions(new InMemorySessionStore(), new FakeTimeProvider(), TimeSpan.FromHours(8), TimeSpan.FromHours(24));
        var (token, csrf) = await sessions.OpenAsync(Dana, CancellationToken.None);
        csrf.ShouldBe(SessionTokens.CsrfFor(token));
        csrf.Length.ShouldBe(43);
        csrf.ShouldNotBe(token);
        csrf.ShouldNotContain(SessionTokens.Hash(token)[..16]);
        SessionTokens.CsrfFor(SessionTokens.NewToken()).ShouldNotBe(csrf);
    }

    [Fact]
    public async Task InMemorySessions_AreBounded()
    {
        var clock = new FakeTimeProvider();
        var sessions = new DashboardSessions(new InMemorySessionStore(), clock, TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        var first = (await sessions.OpenAsync(Dana, CancellationToken.None)).Token;
        for (var i = 0; i < InMemorySessionStore.Capacity; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            await sessions.OpenAsync(Dana, CancellationToken.None);
        }

        (await sessions.FindAsync(first, CancellationToken.None)).ShouldBeNull();
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
