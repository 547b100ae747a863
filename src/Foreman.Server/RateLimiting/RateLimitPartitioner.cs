using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Foreman.Server.RateLimiting;

/// <summary>
/// Decides which budget a request is counted against and for whom. Runs after authentication, so a request with a
/// valid key (or session) counts for that key; anything else counts for the client address. Sign-in attempts always
/// count for the address, even when the caller also presents a valid key of its own, so nobody can guess keys at
/// their own key's rate.
/// </summary>
internal static class RateLimitPartitioner
{
    public static RateLimitSubject Classify(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.Equals("/auth/session", StringComparison.OrdinalIgnoreCase))
        {
            return new RateLimitSubject(RateLimitScope.SignIn, ClientAddress(context));
        }

        var keyId = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;
        if (keyId is null)
        {
            return new RateLimitSubject(RateLimitScope.Anonymous, ClientAddress(context));
        }

        if (HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments("/api/metrics/stream", StringComparison.OrdinalIgnoreCase))
        {
            return new RateLimitSubject(RateLimitScope.Streams, keyId);
        }

        var read = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
        return new RateLimitSubject(read ? RateLimitScope.Reads : RateLimitScope.Writes, keyId);
    }

    /// <summary>
    /// The client's address as the server sees it (after trusted forwarded headers). An IPv6 client is counted by its
    /// /64 network: one machine usually holds a whole /64 and could otherwise rotate addresses to escape its budget.
    /// </summary>
    public static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && !IPAddress.IsLoopback(address))
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }
}
