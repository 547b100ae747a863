namespace Foreman.Server.Auth;

/// <summary>
/// The server's view of dashboard sessions over an <see cref="ISessionStore"/>: opens them at sign-in, checks and
/// slides them on each request, ends them at sign-out and when their key is revoked. The idle lifetime slides with
/// use (the store is written at most once per <see cref="TouchInterval"/>, so a busy dashboard does not turn every
/// read into a write); the absolute lifetime does not. Thread-safe.
/// </summary>
internal sealed class DashboardSessions(ISessionStore store, TimeProvider time, TimeSpan idleLifetime, TimeSpan absoluteLifetime)
{
    public const string CookieName = "foreman_session";

    /// <summary>The least time between two writes of a session's last use; expiry is therefore precise to this.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public ISessionStore Store => store;

    /// <summary>How long the browser keeps the cookie: the absolute lifetime (the server decides validity).</summary>
    public TimeSpan CookieMaxAge => absoluteLifetime;

    /// <summary>Opens a session for a key; returns the cookie's token and the anti-forgery token.</summary>
    public async Task<(string Token, string Csrf)> OpenAsync(ApiKeyInfo key, CancellationToken cancellationToken)
    {
        var token = SessionTokens.NewToken();
        var now = time.GetUtcNow();
        var absolute = now + absoluteLifetime;
        await store.CreateAsync(
            new StoredSession
            {
                TokenHash = SessionTokens.Hash(token),
                KeyId = key.KeyId,
                Role = key.Role,
                CreatedAt = now,
                LastSeenAt = now,
                ExpiresAt = Min(now + idleLifetime, absolute),
                AbsoluteExpiresAt = absolute,
            },
            cancellationToken);
        return (token, SessionTokens.CsrfFor(token));
    }

    /// <summary>Finds the live session a cookie names and records its use; <see langword="null"/> when there is none.</summary>
    public async Task<StoredSession?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (!SessionTokens.IsPlausible(token))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var session = await store.FindAsync(SessionTokens.Hash(token!), now, cancellationToken);
        if (session is null || now - session.LastSeenAt < TouchInterval)
        {
            return session;
        }

        var expires = Min(now + idleLifetime, session.AbsoluteExpiresAt);
        return await store.TouchAsync(session.TokenHash, now, expires, cancellationToken)
            ? session with { LastSeenAt = now, ExpiresAt = expires }
            : null;
    }

    /// <summary>Ends the session a cookie names (sign-out).</summary>
    public async Task CloseAsync(string? token, CancellationToken cancellationToken)
    {
        if (SessionTokens.IsPlausible(token))
        {
            await store.RevokeAsync(SessionTokens.Hash(token!), cancellationToken);
        }
    }

    /// <summary>Ends every session of a key (the key was revoked).</summary>
    public Task<int> CloseAllForKeyAsync(string keyId, CancellationToken cancellationToken) => store.RevokeAllForKeyAsync(keyId, cancellationToken);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
