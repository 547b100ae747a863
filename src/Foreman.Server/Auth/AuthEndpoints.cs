using System.Security.Claims;
using Foreman.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Foreman.Server.Auth;

/// <summary>Dashboard sign-in: exchange an API key for an HttpOnly, SameSite=Strict session cookie; sign out.</summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/session", SignInAsync).AllowAnonymous()
            .Accepts<SignInRequest>("application/json").Produces<SessionView>().ProducesProblem(401).ProducesProblem(400)
            .WithSummary("Signs in with an API key; sets the session cookie and returns the anti-forgery token.");
        group.MapGet("/session", Current).RequireRole(Role.Submitter)
            .Produces<SessionView>().ProducesProblem(401).WithSummary("Who the caller is.");
        group.MapDelete("/session", SignOutAsync).RequireRole(Role.Submitter)
            .Produces(204).ProducesProblem(401).WithSummary("Signs out: ends the session and clears the cookie.");
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IApiKeyStore keys, DashboardSessions sessions)
    {
        var (body, problem) = await JsonBody.ReadAsync<SignInRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Key))
        {
            return Problems.BadRequest("Give the API key as {\"key\": \"fm_…\"}.");
        }

        var key = await keys.AuthenticateAsync(body.Key.Trim(), context.RequestAborted);
        if (key is null)
        {
            return Problems.Problem(StatusCodes.Status401Unauthorized, "Sign-in failed.", "The API key is unknown, malformed or revoked.");
        }

        // Signing in again (another key, or the same) replaces the browser's session rather than leaving the old one live.
        await sessions.CloseAsync(context.Request.Cookies[DashboardSessions.CookieName], context.RequestAborted);
        var (token, csrf) = await sessions.OpenAsync(key, context.RequestAborted);
        context.Response.Cookies.Append(DashboardSessions.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = sessions.CookieMaxAge,
            IsEssential = true,
        });
        return Results.Ok(new SessionView(key.KeyId, key.Name, key.Role, ForemanClaims.ViaSession, csrf));
    }

    private static SessionView Current(ClaimsPrincipal user)
    {
        _ = Roles.TryParse(user.FindFirst(ForemanClaims.Role)?.Value, out var role);
        return new SessionView(
            user.FindFirst(ClaimTypes.NameIdentifier)!.Value,
            user.FindFirst(ClaimTypes.Name)!.Value,
            role,
            user.FindFirst(ForemanClaims.Method)!.Value,
            user.FindFirst(ForemanClaims.Csrf)?.Value);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, DashboardSessions sessions)
    {
        await sessions.CloseAsync(context.Request.Cookies[DashboardSessions.CookieName], context.RequestAborted);
        context.Response.Cookies.Delete(DashboardSessions.CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps });
        return Results.NoContent();
    }
}
