namespace Foreman.Server.Auth;

/// <summary>Claim types and values the authentication handler sets.</summary>
internal static class ForemanClaims
{
    /// <summary>How the caller authenticated: <see cref="ViaKey"/> or <see cref="ViaSession"/>.</summary>
    public const string Method = "foreman:auth";

    public const string ViaKey = "key";

    public const string ViaSession = "session";

    /// <summary>The caller's own role (the highest it holds).</summary>
    public const string Role = "foreman:role";

    /// <summary>The session's anti-forgery token, for the CSRF check.</summary>
    public const string Csrf = "foreman:csrf";
}
