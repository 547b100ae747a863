using Foreman.Server.Auth;
using Foreman.Server.Http;
using Foreman.Tracing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Server.Observability;

/// <summary>Finds runs by what their traces show, in the trace query language (<c>retries &gt; 0 and since 1h</c>).</summary>
internal static class TraceQueryEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/traces", QueryAsync).WithTags("Runs").RequireRole(Role.Submitter)
            .Produces<IReadOnlyList<TraceRunSummary>>().ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Runs whose trace matches a query, newest first: q=\"retries > 0 and confidence < 0.9 and since 24h\" (see docs/observability.md).");

    private static async Task<IResult> QueryAsync(HttpContext context, string? q)
    {
        if (context.RequestServices.GetService<TraceQueryService>() is not { } traces)
        {
            return Problems.NotFound("Trace queries need the trace store; this server runs without one.");
        }

        if (q is { Length: > 1000 })
        {
            return Problems.BadRequest("The query is longer than 1,000 characters.");
        }

        var result = await traces.QueryAsync(string.IsNullOrWhiteSpace(q) ? "limit 50" : q, context.RequestAborted);
        return result.IsValid ? Results.Ok(result.Runs) : Problems.BadRequest($"The trace query is invalid: {result.Error}");
    }
}
