namespace Foreman.Server.Auth;

/// <summary>
/// Durable storage of dashboard sessions, normally in the database the server runs on, so a restart keeps people
/// signed in and every server node on a shared database accepts every session. Only hashes of session tokens are
/// stored. Revoking deletes: nothing of a revoked session remains. Implementations are thread-safe and safe across
/// processes sharing the store.
/// </summary>
public interface ISessionStore
{
    /// <summary>Creates the schema if needed.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new session.</summary>
    /// <param name="session">The session (its token hash is unique).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task CreateAsync(StoredSession session, CancellationToken cancellationToken);

    /// <summary>Finds a session that has not expired.</summary>
    /// <param name="tokenHash">The SHA-256 of the presented token.</param>
    /// <param name="now">The current time; a session whose <see cref="StoredSession.ExpiresAt"/> is not after it is not returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session, or <see langword="null"/> when it is unknown, revoked or expired.</returns>
    Task<StoredSession?> FindAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a use of the session and moves its expiry (sliding expiry).</summary>
    /// <param name="tokenHash">The session's token hash.</param>
    /// <param name="lastSeenAt">The time of use.</param>
    /// <param name="expiresAt">The new expiry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the session still existed.</returns>
    Task<bool> TouchAsync(string tokenHash, DateTimeOffset lastSeenAt, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Revokes (deletes) one session, as signing out does.</summary>
    /// <param name="tokenHash">The session's token hash.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether there was such a session.</returns>
    Task<bool> RevokeAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Revokes (deletes) every session an API key opened, as revoking the key does.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many sessions ended.</returns>
    Task<int> RevokeAllForKeyAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>Deletes the sessions that have expired.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
