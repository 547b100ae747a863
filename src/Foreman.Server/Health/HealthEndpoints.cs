using Foreman.Workflows.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Foreman.Server.Health;

/// <summary>A liveness and readiness probe for load balancers: no key needed, no data disclosed.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/healthz", CheckAsync).AllowAnonymous().WithTags("Health")
            .Produces<HealthView>().Produces<HealthView>(503).WithSummary("Whether the server can reach its store (no authentication).");

    private static async Task<IResult> CheckAsync(IWorkflowStore store, CancellationToken cancellationToken)
    {
        try
        {
            await store.CountByStatusAsync(cancellationToken);
            return Results.Ok(new HealthView("ok"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Results.Json(new HealthView("store unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
