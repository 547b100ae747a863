namespace Foreman.Server.Auth;

/// <summary>The body of <c>POST /auth/session</c>.</summary>
/// <param name="Key">The API key to sign in with.</param>
internal sealed record SignInRequest(string? Key);
