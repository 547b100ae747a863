namespace Foreman.Server.Auth;

/// <summary>A newly created key: its stored description and the secret, which is shown this once and never stored.</summary>
/// <param name="Info">The stored description.</param>
/// <param name="Secret">The full key to give the user (<c>fm_…</c>).</param>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Secret);
