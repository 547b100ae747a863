namespace Foreman.Server.Auth;

/// <summary>
/// A dashboard session as a <see cref="ISessionStore"/> keeps it: never the token itself, only its SHA-256, so a copy
/// of the database hands out no live cookies. The anti-forgery token is derived from the session token
/// (<see cref="SessionTokens.CsrfFor"/>) and therefore not stored at all.
/// </summary>
public sealed record StoredSession
{
    /// <summary>Gets the SHA-256 of the session token, lower-case hex.</summary>
    public required string TokenHash { get; init; }

    /// <summary>Gets the API key that signed in.</summary>
    public required string KeyId { get; init; }

    /// <summary>Gets the key's role when it signed in (the server still re-reads the key on every request).</summary>
    public required Role Role { get; init; }

    /// <summary>Gets when the session was opened.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the session was last used (updated at most once a minute, see <see cref="SessionTokens"/>).</summary>
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>Gets when the session ends unless it is used again: sliding, but never after <see cref="AbsoluteExpiresAt"/>.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets the latest moment the session can last however much it is used.</summary>
    public required DateTimeOffset AbsoluteExpiresAt { get; init; }
}
