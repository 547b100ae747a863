using Foreman.Costs;
using Foreman.Server.Auth;
using Foreman.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Server.Observability;

/// <summary>The cost report: inference, retries, human review and undetected errors, per pipeline, over a period.</summary>
internal static class CostEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/costs", ReportAsync).WithTags("Metrics").RequireRole(Role.Operator)
            .Produces<CostReport>().ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Cost in four dimensions (inference, retries, human review, undetected errors) per pipeline; period in hours (default 24).");

    private static async Task<IResult> ReportAsync(HttpContext context, double? hours, string? pipeline)
    {
        if (hours is <= 0 or > 24 * 366)
        {
            return Problems.BadRequest("hours must be more than 0 and at most a year.");
        }

        var costs = context.RequestServices.GetService<CostReportService>();
        if (costs is null)
        {
            return Problems.NotFound("Cost reports need the trace store; this server runs without one.");
        }

        var report = await costs.ReportAsync(TimeSpan.FromHours(hours ?? 24), string.IsNullOrEmpty(pipeline) ? null : pipeline, context.RequestAborted);
        return Results.Ok(report);
    }
}
