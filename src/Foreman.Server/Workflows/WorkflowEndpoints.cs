using Foreman.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Foreman.Server.Workflows;

/// <summary>Lists the workflows runs can be submitted to.</summary>
internal static class WorkflowEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/workflows", (WorkflowCatalog catalog) => Results.Ok(catalog.All.ToList()))
            .WithTags("Runs").RequireRole(Role.Submitter).Produces<IReadOnlyList<WorkflowDescription>>()
            .WithSummary("Lists the registered workflows with a description and an example input.");
}
