using System.Security.Claims;
using System.Text.Encodings.Web;
using Foreman.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Foreman.Server.Auth;

/// <summary>
/// Authenticates a request by API key (<c>Authorization: Bearer fm_…</c> or <c>X-Api-Key</c>) or by the dashboard's
/// session cookie. The key is checked against its stored hash on every request and a session re-checks that its
/// key is still active, so revoking a key ends its sessions at once. Failures answer with problem details.
/// </summary>
internal sealed class ForemanAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiKeyStore keys,
    DashboardSessions sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Foreman";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is not null)
        {
            var key = await keys.AuthenticateAsync(presented, Context.RequestAborted);
            return key is null
                ? AuthenticateResult.Fail("The API key is unknown, malformed or revoked.")
                : Success(key, ForemanClaims.ViaKey, csrf: null);
        }

        if (Request.Cookies.TryGetValue(DashboardSessions.CookieName, out var token))
        {
            var session = await sessions.FindAsync(token, Context.RequestAborted);
            if (session is null)
            {
                return AuthenticateResult.Fail("The session has expired or was ended; sign in again.");
            }

            // The key is re-read on every request: a key revoked by another node or by `foreman keys revoke` (which may
            // not have reached the session store) still ends its sessions at once.
            var key = await keys.GetAsync(session.KeyId, Context.RequestAborted);
            if (key is not { IsActive: true })
            {
                await sessions.CloseAllForKeyAsync(session.KeyId, Context.RequestAborted);
                return AuthenticateResult.Fail("The key this session signed in with was revoked.");
            }

            return Success(key, ForemanClaims.ViaSession, SessionTokens.CsrfFor(token!));
        }

        return AuthenticateResult.NoResult();
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"foreman\"";
        return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required.", "Send an API key as 'Authorization: Bearer fm_…' (or sign in to the dashboard).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirst(ForemanClaims.Role)?.Value ?? "none";
        return Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Not allowed.", $"Your key's role ({role}) may not do this; see docs/server.md for the role each route needs.");
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }

    private AuthenticateResult Success(ApiKeyInfo key, string method, string? csrf)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.KeyId),
            new(ClaimTypes.Name, key.Name),
            new(ForemanClaims.Method, method),
            new(ForemanClaims.Role, Roles.Name(key.Role)),
        };
        claims.AddRange(Roles.Implied(key.Role).Select(r => new Claim(ClaimTypes.Role, Roles.Name(r))));
        if (csrf is not null)
        {
            claims.Add(new Claim(ForemanClaims.Csrf, csrf));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
