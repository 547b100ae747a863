using System.Net;
using System.Text;
using System.Text.Json;
using Foreman.Reviews;
using Foreman.Server.Auth;
using Foreman.Workflows.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Server.Tests;

/// <summary>
/// Every route's access rule, checked against the running server: no key → 401, a key whose role is too low → 403,
/// and in both cases nothing in the stores changes. The table below must name every route the server maps, so a new
/// route without a rule here fails <see cref="EveryMappedRoute_IsInTheTable_WithTheRoleItDeclares"/>.
/// </summary>
public sealed class RouteAuthorizationTests : IAsyncLifetime
{
    /// <summary>method, route pattern → the lowest role allowed (null: public), and a body that would be accepted.</summary>
    private static readonly (string Method, string Pattern, Role? Role, string? Body)[] Rules =
    [
        ("GET", "/", null, null),
        ("GET", "/assets/{file}", null, null),
        ("GET", "/healthz", null, null),
        ("GET", "/api/openapi/{documentName}.json", null, null),
        ("POST", "/auth/session", null, """{"key":"fm_x"}"""),
        ("GET", "/auth/session", Role.Submitter, null),
        ("DELETE", "/auth/session", Role.Submitter, null),
        ("GET", "/api/workflows", Role.Submitter, null),
        ("POST", "/api/runs", Role.Submitter, """{"workflow":"bench-steps","input":{"steps":1}}"""),
        ("GET", "/api/runs", Role.Submitter, null),
        ("GET", "/api/runs/{runId}", Role.Submitter, null),
        ("GET", "/api/runs/{runId}/trace", Role.Submitter, null),
        ("GET", "/api/traces", Role.Submitter, null),
        ("POST", "/api/runs/{runId}/cancel", Role.Operator, """{"reason":"test"}"""),
        ("POST", "/api/runs/{runId}/events/{eventName}", Role.Submitter, """{"approved":true}"""),
        ("GET", "/api/reviews", Role.Reviewer, null),
        ("GET", "/api/reviews/{itemId}", Role.Reviewer, null),
        ("POST", "/api/reviews/{itemId}/approve", Role.Reviewer, """{"reason":"ok"}"""),
        ("POST", "/api/reviews/{itemId}/reject", Role.Reviewer, """{"reason":"no"}"""),
        ("POST", "/api/reviews/{itemId}/modify", Role.Reviewer, """{"action":{"order_id":"B-3107","amount":100,"reason":"partial"}}"""),
        ("GET", "/api/dead-letters", Role.Operator, null),
        ("POST", "/api/dead-letters/{runId}/requeue", Role.Operator, null),
        ("GET", "/api/alerts", Role.Operator, null),
        ("GET", "/api/metrics", Role.Operator, null),
        ("GET", "/api/metrics/history", Role.Operator, null),
        ("GET", "/api/metrics/stream", Role.Operator, null),
        ("GET", "/api/costs", Role.Operator, null),
        ("GET", "/api/quality", Role.Operator, null),
        ("GET", "/api/keys", Role.Admin, null),
        ("POST", "/api/keys", Role.Admin, """{"name":"intruder","role":"admin"}"""),
        ("POST", "/api/keys/{keyId}/revoke", Role.Admin, null),
    ];

    private ServerHarness _server = null!;
    private string _runId = null!;
    private string _itemId = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerHarness.StartAsync();
        _runId = await _server.SubmitAsync("refund-approval", ServerHarness.RefundInput());
        _itemId = await _server.WaitForReviewAsync(_runId);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void EveryMappedRoute_IsInTheTable_WithTheRoleItDeclares()
    {
        var mapped = MappedRoutes();
        mapped.Select(r => $"{r.Method} {r.Pattern}").Order(StringComparer.Ordinal)
            .ShouldBe(Rules.Select(r => $"{r.Method} {r.Pattern}").Order(StringComparer.Ordinal));
        foreach (var route in mapped)
        {
            var rule = Rules.Single(r => r.Method == route.Method && r.Pattern == route.Pattern);
            route.Role.ShouldBe(rule.Role is { } role ? Roles.Name(role) : null, $"{route.Method} {route.Pattern}");
        }
    }

    [Fact]
    public async Task EveryProtectedRoute_WithoutKey_Is401_WithTooLowARole_Is403_AndNothingChanges()
    {
        var before = await SnapshotAsync();
        foreach (var (method, pattern, role, body) in Rules.Where(r => r.Role is not null))
        {
            using (var anonymous = _server.Client())
            {
                var status = await SendAsync(anonymous, method, pattern, body);
                status.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {pattern} without a key");
            }

            using (var forged = _server.Client())
            {
                forged.DefaultRequestHeaders.Authorization = new("Bearer", _server.RoleKeys[Role.Admin].Secret[..^4] + "AAAA");
                (await SendAsync(forged, method, pattern, body)).ShouldBe(HttpStatusCode.Unauthorized, $"{method} {pattern} with a forged key");
            }

            foreach (var lower in Roles.All.Where(r => r < role))
            {
                using var client = _server.Client(lower);
                (await SendAsync(client, method, pattern, body)).ShouldBe(HttpStatusCode.Forbidden, $"{method} {pattern} as {Roles.Name(lower)}");
            }
        }

        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task EveryRoute_WithTheLowestAllowedRole_IsNotRefused()
    {
        // Read-only routes only: the decisions themselves are exercised by the review and run tests.
        foreach (var (method, pattern, role, body) in Rules.Where(r => r.Method == "GET" && r.Pattern != "/api/metrics/stream"))
        {
            using var client = role is { } r ? _server.Client(r) : _server.Client();
            var status = await SendAsync(client, method, pattern, body);
            status.ShouldBe(HttpStatusCode.OK, $"{method} {pattern} as {(role is { } x ? Roles.Name(x) : "anyone")}");
        }
    }

    [Fact]
    public async Task RevokedKey_Is401_Immediately()
    {
        var key = await _server.Keys.CreateAsync("short-lived", Role.Operator, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        using var client = _server.Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key.Secret);
        (await client.GetAsync("/api/alerts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _server.Keys.RevokeAsync(key.Info.KeyId, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        (await client.GetAsync("/api/alerts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private List<(string Method, string Pattern, string? Role)> MappedRoutes()
    {
        var source = _server.Host.Services.GetRequiredService<EndpointDataSource>();
        var routes = new List<(string, string, string?)>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText!.Length > 1 ? endpoint.RoutePattern.RawText!.TrimEnd('/') : endpoint.RoutePattern.RawText!;
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
            anonymous.ShouldNotBe(policies.Count > 0, $"{pattern} must be either public or need one role");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
            {
                routes.Add((method, pattern, anonymous ? null : policies.Single()));
            }
        }

        return routes;
    }

    private async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string pattern, string? body)
    {
        var url = pattern.Replace("{runId}", _runId, StringComparison.Ordinal)
            .Replace("{itemId}", _itemId, StringComparison.Ordinal)
            .Replace("{keyId}", _server.RoleKeys[Role.Admin].Info.KeyId, StringComparison.Ordinal)
            .Replace("{eventName}", "approval", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{file}", "app.js", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        }

        return response.StatusCode;
    }

    private async Task<string> SnapshotAsync()
    {
        var runs = await _server.Store.ListRunsAsync(new RunQuery { Limit = 1000 }, CancellationToken.None);
        var inbox = await _server.Store.GetInboxAsync(_runId, CancellationToken.None);
        var items = await _server.Reviews.ListAsync(new ReviewQuery(), CancellationToken.None);
        var keys = await _server.Keys.ListAsync(CancellationToken.None);
        return JsonSerializer.Serialize(new
        {
            runs = runs.Select(r => new { r.RunId, r.Status, r.Version }),
            inbox = inbox.Count,
            items = items.Select(i => new { i.ItemId, i.Status, i.DecidedAt }),
            keys = keys.Select(k => new { k.KeyId, k.RevokedAt }),
        });
    }
}
