using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Foreman.Server.Auth;

/// <summary>
/// Dashboard sessions, in memory: a restart signs everyone out, which is the safe failure. The cookie carries a
/// random 256-bit token; the map is keyed by its SHA-256, so a memory dump does not hand out live cookies.
/// Thread-safe.
/// </summary>
internal sealed class SessionStore(TimeProvider time, TimeSpan lifetime)
{
    public const string CookieName = "foreman_session";

    /// <summary>The most sessions kept; beyond it the ones closest to expiry are dropped (a bound on memory, not a policy).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public (string Token, Session Session) Open(string keyId)
    {
        Sweep();
        var token = NewToken();
        var session = new Session(keyId, NewToken(), time.GetUtcNow() + lifetime);
        _sessions[Hash(token)] = session;
        return (token, session);
    }

    public Session? Find(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || !_sessions.TryGetValue(Hash(token), out var session))
        {
            return null;
        }

        if (session.ExpiresAt <= time.GetUtcNow())
        {
            _sessions.TryRemove(Hash(token), out _);
            return null;
        }

        return session;
    }

    public void Close(string? token)
    {
        if (!string.IsNullOrEmpty(token))
        {
            _sessions.TryRemove(Hash(token), out _);
        }
    }

    public TimeSpan Lifetime => lifetime;

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, session) in _sessions)
        {
            if (session.ExpiresAt <= now)
            {
                _sessions.TryRemove(key, out _);
            }
        }

        if (_sessions.Count >= Capacity)
        {
            foreach (var (key, _) in _sessions.OrderBy(p => p.Value.ExpiresAt).Take(_sessions.Count - Capacity + 1).ToList())
            {
                _sessions.TryRemove(key, out _);
            }
        }
    }
}
