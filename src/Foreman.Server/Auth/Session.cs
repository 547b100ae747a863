namespace Foreman.Server.Auth;

/// <summary>A dashboard session: the key it was opened with and the token that state-changing requests must echo.</summary>
/// <param name="KeyId">The key that signed in.</param>
/// <param name="CsrfToken">The anti-forgery token; sent in the <c>X-CSRF-Token</c> header, never in a cookie.</param>
/// <param name="ExpiresAt">When the session ends.</param>
internal sealed record Session(string KeyId, string CsrfToken, DateTimeOffset ExpiresAt);
