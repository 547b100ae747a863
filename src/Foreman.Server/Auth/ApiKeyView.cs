namespace Foreman.Server.Auth;

/// <summary>A key as the API shows it; <see cref="Secret"/> only in the answer that created it.</summary>
/// <param name="KeyId">The id.</param>
/// <param name="Name">The label.</param>
/// <param name="Role">The role.</param>
/// <param name="CreatedAt">When created.</param>
/// <param name="RevokedAt">When revoked, if it was.</param>
/// <param name="Secret">The key itself, once.</param>
internal sealed record ApiKeyView(string KeyId, string Name, Role Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? Secret = null)
{
    public static ApiKeyView From(ApiKeyInfo key, string? secret = null) => new(key.KeyId, key.Name, key.Role, key.CreatedAt, key.RevokedAt, secret);
}
