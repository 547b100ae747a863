namespace Foreman.Server.Auth;

/// <summary>An API key as stored: everything but the secret, of which only a hash is kept.</summary>
public sealed record ApiKeyInfo
{
    /// <summary>Gets the public id (<c>key_…</c>); it is also the key's visible prefix.</summary>
    public required string KeyId { get; init; }

    /// <summary>Gets the human label given at creation.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the role.</summary>
    public required Role Role { get; init; }

    /// <summary>Gets when it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when it was revoked, or <see langword="null"/> while it is active.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Gets a value indicating whether the key may still be used.</summary>
    public bool IsActive => RevokedAt is null;
}
