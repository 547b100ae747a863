using Foreman.Server.Auth;

namespace Foreman.Server.Tests;

/// <summary>
/// What every <see cref="ISessionStore"/> must do, run against each implementation in this project (PostgreSQL's runs in
/// Foreman.Postgres.Tests): only live sessions are found, touching slides the expiry, revocation and pruning delete.
/// </summary>
public abstract class SessionStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    protected ISessionStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = await CreateAsync();
        await Store.InitializeAsync(CancellationToken.None);
        await Store.InitializeAsync(CancellationToken.None); // idempotent
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Find_ReturnsTheStoredSession_UntilItExpires()
    {
        var session = Session("a", "key_000000000001");
        await Store.CreateAsync(session, CancellationToken.None);
        (await Store.FindAsync(session.TokenHash, Start.AddHours(7), CancellationToken.None)).ShouldBe(session);
        (await Store.FindAsync(session.TokenHash, Start.AddHours(8), CancellationToken.None)).ShouldBeNull();
        (await Store.FindAsync(SessionTokens.Hash("unknown"), Start, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Touch_MovesTheExpiry_AndNeverBackwards()
    {
        var session = Session("b", "key_000000000001");
        await Store.CreateAsync(session, CancellationToken.None);
        (await Store.TouchAsync(session.TokenHash, Start.AddHours(6), Start.AddHours(14), CancellationToken.None)).ShouldBeTrue();
        (await Store.FindAsync(session.TokenHash, Start.AddHours(13), CancellationToken.None))!.LastSeenAt.ShouldBe(Start.AddHours(6));
        (await Store.TouchAsync(SessionTokens.Hash("unknown"), Start, Start.AddHours(1), CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task Revoke_EndsOneSession_RevokeAllForKey_EndsThatKeysSessions()
    {
        await Store.CreateAsync(Session("c1", "key_000000000001"), CancellationToken.None);
        await Store.CreateAsync(Session("c2", "key_000000000001"), CancellationToken.None);
        await Store.CreateAsync(Session("c3", "key_000000000001"), CancellationToken.None);
        await Store.CreateAsync(Session("c4", "key_000000000002"), CancellationToken.None);

        (await Store.RevokeAsync(SessionTokens.Hash("c1"), CancellationToken.None)).ShouldBeTrue();
        (await Store.RevokeAsync(SessionTokens.Hash("c1"), CancellationToken.None)).ShouldBeFalse();
        (await Store.FindAsync(SessionTokens.Hash("c1"), Start, CancellationToken.None)).ShouldBeNull();

        (await Store.RevokeAllForKeyAsync("key_000000000001", CancellationToken.None)).ShouldBe(2);
        (await Store.FindAsync(SessionTokens.Hash("c2"), Start, CancellationToken.None)).ShouldBeNull();
        (await Store.FindAsync(SessionTokens.Hash("c4"), Start, CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Prune_DeletesOnlyExpiredSessions()
    {
        await Store.CreateAsync(Session("d1", "key_000000000001"), CancellationToken.None);
        await Store.CreateAsync(Session("d2", "key_000000000001") with { CreatedAt = Start.AddHours(4), LastSeenAt = Start.AddHours(4), ExpiresAt = Start.AddHours(12) }, CancellationToken.None);
        (await Store.PruneAsync(Start.AddHours(9), CancellationToken.None)).ShouldBe(1);
        (await Store.FindAsync(SessionTokens.Hash("d2"), Start.AddHours(9), CancellationToken.None)).ShouldNotBeNull();
        (await Store.TouchAsync(SessionTokens.Hash("d1"), Start.AddHours(9), Start.AddHours(17), CancellationToken.None)).ShouldBeFalse("a pruned session cannot be revived");
    }

    [Fact]
    public async Task DashboardSessions_SlideThroughTheStore_AndStopAtTheAbsoluteLifetime()
    {
        var clock = new Foreman.Testing.FakeTimeProvider(Start);
        var sessions = new DashboardSessions(Store, clock, TimeSpan.FromHours(8), TimeSpan.FromHours(24));
        var key = new ApiKeyInfo { KeyId = "key_000000000003", Name = "dana", Role = Role.Reviewer, CreatedAt = Start };
        var (token, _) = await sessions.OpenAsync(key, CancellationToken.None);
        for (var hours = 7; hours <= 21; hours += 7)
        {
            clock.Advance(TimeSpan.FromHours(7));
            (await sessions.FindAsync(token, CancellationToken.None)).ShouldNotBeNull($"used at {hours} h");
        }

        (await Store.FindAsync(SessionTokens.Hash(token), Start.AddHours(23), CancellationToken.None))!.ExpiresAt.ShouldBe(Start.AddHours(24), "the slide is capped by the absolute lifetime");
        clock.Advance(TimeSpan.FromHours(3));
        (await sessions.FindAsync(token, CancellationToken.None)).ShouldBeNull();
    }

    protected abstract Task<ISessionStore> CreateAsync();

    private static StoredSession Session(string token, string keyId) => new()
    {
        TokenHash = SessionTokens.Hash(token),
        KeyId = keyId,
        Role = Role.Operator,
        CreatedAt = Start,
        LastSeenAt = Start,
        ExpiresAt = Start.AddHours(8),
        AbsoluteExpiresAt = Start.AddHours(24),
    };
}

/// <summary>The contract on the in-memory store.</summary>
public sealed class InMemorySessionStoreContractTests : SessionStoreContractTests
{
    protected override Task<ISessionStore> CreateAsync() => Task.FromResult<ISessionStore>(new InMemorySessionStore());
}

/// <summary>The contract on the SQLite store.</summary>
public sealed class SqliteSessionStoreContractTests : SessionStoreContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "foreman-session-tests", Guid.NewGuid().ToString("N"));

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }

        return Task.CompletedTask;
    }

    protected override Task<ISessionStore> CreateAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult<ISessionStore>(new SqliteSessionStore(Path.Combine(_folder, "sessions.db")));
    }
}
