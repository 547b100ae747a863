using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Server.Tests;

/// <summary>The OpenAPI description is generated from the routes, so it lists every API route; this keeps it so.</summary>
public sealed class OpenApiTests : ServerTest
{
    private protected override Task<ServerHarness> StartServerAsync() => ServerHarness.StartAsync(worker: false);

    [Fact]
    public async Task Document_IsOpenApi31_AndListsEveryApiRoute()
    {
        using var client = Server.Client();
        var document = JsonNode.Parse(await client.GetStringAsync("/api/openapi/v1.json"))!;
        document["openapi"]!.GetValue<string>().ShouldStartWith("3.1");
        var paths = document["paths"]!.AsObject();
        var described = paths.SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key.TrimEnd('/')}")).ToHashSet(StringComparer.Ordinal);

        var routes = Server.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) || e.RoutePattern.RawText!.StartsWith("/auth", StringComparison.Ordinal) || e.RoutePattern.RawText == "/healthz")
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/api/openapi", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToList();
        routes.Count.ShouldBeGreaterThan(20);
        foreach (var route in routes)
        {
            described.ShouldContain(route);
        }

        // Every operation may be refused by the rate limits, and says so.
        paths["/api/runs"]!["post"]!["responses"]!["429"].ShouldNotBeNull();

        // Each operation says which role it needs.
        paths["/api/reviews/{itemId}/approve"]!["post"]!["description"]!.GetValue<string>().ShouldContain("reviewer role");

        // Request bodies are described too.
        paths["/api/runs/"]?["post"]?["requestBody"].ShouldNotBeNull();
    }
}
