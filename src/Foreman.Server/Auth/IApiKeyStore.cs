namespace Foreman.Server.Auth;

/// <summary>
/// Durable storage of API keys. Only a hash of each secret is stored; the plaintext exists once, in the value
/// <see cref="CreateAsync"/> returns. Implementations are thread-safe and safe across processes sharing the store.
/// </summary>
public interface IApiKeyStore
{
    /// <summary>Creates the schema if needed.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Creates a key.</summary>
    /// <param name="name">A label for people (who or what uses the key).</param>
    /// <param name="role">The role.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key with its secret.</returns>
    Task<CreatedApiKey> CreateAsync(string name, Role role, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Finds the active key a presented secret belongs to.</summary>
    /// <param name="secret">The secret as presented.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key, or <see langword="null"/> when the secret is malformed, unknown or revoked.</returns>
    Task<ApiKeyInfo?> AuthenticateAsync(string secret, CancellationToken cancellationToken);

    /// <summary>Reads a key by id (active or revoked).</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key, or <see langword="null"/>.</returns>
    Task<ApiKeyInfo?> GetAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>Lists every key, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The keys.</returns>
    Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Revokes a key; revoking a revoked key changes nothing.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key as it now stands, or <see langword="null"/> when there is no such key.</returns>
    Task<ApiKeyInfo?> RevokeAsync(string keyId, DateTimeOffset now, CancellationToken cancellationToken);
}
