using System.Security.Cryptography;
using System.Text;
using Foreman.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Foreman.Server.Auth;

/// <summary>
/// Requests authenticated by the session cookie that change state (anything but GET, HEAD, OPTIONS) must carry the
/// session's anti-forgery token in <c>X-CSRF-Token</c>. Another site can make a browser send the cookie (SameSite=Strict
/// already stops most of that) but cannot read the token, so it cannot forge the header. Requests with an API key
/// carry no ambient credential and need no token.
/// </summary>
internal sealed class CsrfMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-CSRF-Token";

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
            || user.FindFirst(ForemanClaims.Method)?.Value != ForemanClaims.ViaSession)
        {
            return next(context);
        }

        var expected = user.FindFirst(ForemanClaims.Csrf)?.Value ?? string.Empty;
        var actual = context.Request.Headers[HeaderName].ToString();
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual)))
        {
            return Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Missing anti-forgery token.", $"Dashboard requests that change state must send the session's token in {HeaderName}.");
        }

        return next(context);
    }
}
