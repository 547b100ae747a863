using System.Net;
using System.Security.Claims;
using Foreman.Server.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Foreman.Server.Tests;

/// <summary>Which budget a request counts against, and for whom.</summary>
public sealed class RateLimitPartitionerTests
{
    [Theory]
    [InlineData("GET", "/api/runs", "reads|key_000000000001")]
    [InlineData("HEAD", "/api/runs", "reads|key_000000000001")]
    [InlineData("POST", "/api/runs", "writes|key_000000000001")]
    [InlineData("POST", "/api/reviews/rev_1/approve", "writes|key_000000000001")]
    [InlineData("DELETE", "/auth/session", "writes|key_000000000001")]
    [InlineData("GET", "/api/metrics/stream", "streams|key_000000000001")]
    [InlineData("POST", "/auth/session", "sign-in|192.0.2.10")]
    public void Authenticated_CountsForTheKey_ExceptSignIn(string method, string path, string partition) =>
        RateLimitPartitioner.Classify(Request(method, path, IPAddress.Parse("192.0.2.10"), "key_000000000001")).PartitionKey.ShouldBe(partition);

    [Theory]
    [InlineData("GET", "/", "anonymous|192.0.2.10")]
    [InlineData("GET", "/api/runs", "anonymous|192.0.2.10")]
    [InlineData("POST", "/api/runs", "anonymous|192.0.2.10")]
    [InlineData("POST", "/auth/session", "sign-in|192.0.2.10")]
    public void Unauthenticated_CountsForTheAddress(string method, string path, string partition) =>
        RateLimitPartitioner.Classify(Request(method, path, IPAddress.Parse("192.0.2.10"), keyId: null)).PartitionKey.ShouldBe(partition);

    [Theory]
    [InlineData("::ffff:192.0.2.10", "192.0.2.10")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:1111:2222:3333:4444", "2001:db8:1:2::/64")]
    [InlineData("::1", "::1")]
    public void ClientAddress_GroupsIPv6ByItsSlash64(string address, string expected) =>
        RateLimitPartitioner.ClientAddress(Request("GET", "/", IPAddress.Parse(address), keyId: null)).ShouldBe(expected);

    [Fact]
    public void ClientAddress_Unknown_WhenTheServerHasNone() =>
        RateLimitPartitioner.ClientAddress(new DefaultHttpContext()).ShouldBe("unknown");

    private static DefaultHttpContext Request(string method, string path, IPAddress address, string? keyId)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Connection.RemoteIpAddress = address;
        if (keyId is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, keyId)], "Foreman"));
        }

        return context;
    }
}
