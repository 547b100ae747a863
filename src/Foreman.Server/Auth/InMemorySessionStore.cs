using System.Collections.Concurrent;

namespace Foreman.Server.Auth;

/// <summary>
/// Dashboard sessions in this process's memory: a restart signs everyone out, and several server nodes would need
/// sticky sessions. The server uses it when no durable <see cref="ForemanServerOptions.SessionStore"/> is given
/// (embedding, tests); <c>foreman serve</c> keeps sessions in its database. Bounded to <see cref="Capacity"/> sessions.
/// Thread-safe.
/// </summary>
public sealed class InMemorySessionStore : ISessionStore
{
    /// <summary>The most sessions kept; beyond it the ones closest to expiry are dropped (a bound on memory, not a policy).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, StoredSession> _sessions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task CreateAsync(StoredSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_sessions.Count >= Capacity)
        {
            PruneCore(session.CreatedAt);
            foreach (var (hash, _) in _sessions.OrderBy(p => p.Value.ExpiresAt).Take(_sessions.Count - Capacity + 1).ToList())
            {
                _sessions.TryRemove(hash, out _);
            }
        }

        _sessions[session.TokenHash] = session;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<StoredSession?> FindAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(_sessions.TryGetValue(tokenHash, out var session) && session.ExpiresAt > now ? session : null);

    /// <inheritdoc />
    public Task<bool> TouchAsync(string tokenHash, DateTimeOffset lastSeenAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        while (_sessions.TryGetValue(tokenHash, out var session))
        {
            if (_sessions.TryUpdate(tokenHash, session with { LastSeenAt = Max(session.LastSeenAt, lastSeenAt), ExpiresAt = Max(session.ExpiresAt, expiresAt) }, session))
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }

    /// <inheritdoc />
    public Task<bool> RevokeAsync(string tokenHash, CancellationToken cancellationToken) => Task.FromResult(_sessions.TryRemove(tokenHash, out _));

    /// <inheritdoc />
    public Task<int> RevokeAllForKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var ended = 0;
        foreach (var (hash, session) in _sessions)
        {
            if (session.KeyId == keyId && _sessions.TryRemove(hash, out _))
            {
                ended++;
            }
        }

        return Task.FromResult(ended);
    }

    /// <inheritdoc />
    public Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(PruneCore(now));

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private int PruneCore(DateTimeOffset now)
    {
        var pruned = 0;
        foreach (var (hash, session) in _sessions)
        {
            if (session.ExpiresAt <= now && _sessions.TryRemove(hash, out _))
            {
                pruned++;
            }
        }

        return pruned;
    }
}
