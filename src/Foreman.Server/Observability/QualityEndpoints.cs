using Foreman.Quality;
using Foreman.Server.Auth;
using Foreman.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Server.Observability;

/// <summary>Measured quality: accuracy, precision and recall with confidence intervals and sample counts, levels, calibration, disabled agents.</summary>
internal static class QualityEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/quality", GetAsync).WithTags("Metrics").RequireRole(Role.Operator)
            .Produces<QualityView>().ProducesProblem(404)
            .WithSummary("Quality per agent and task type over the monitor's window: estimates with their confidence intervals and sample counts, the level judged on the intervals, calibration, agent states.");

    private static async Task<IResult> GetAsync(HttpContext context, TimeProvider time)
    {
        var monitor = context.RequestServices.GetService<QualityMonitor>();
        if (monitor is null)
        {
            return Problems.NotFound("Quality needs a quality monitor; this server runs without one.");
        }

        var cancellationToken = context.RequestAborted;
        var statuses = await monitor.GetStatusesAsync(cancellationToken);
        var since = time.GetUtcNow() - monitor.Window;
        var calibration = new List<CalibrationReport>();
        foreach (var agent in statuses.Select(s => s.Agent).Distinct(StringComparer.Ordinal))
        {
            calibration.Add(await monitor.CalibrationAsync(agent, since, cancellationToken));
        }

        var agents = await monitor.Store.ListAgentStatesAsync(cancellationToken);
        return Results.Ok(new QualityView(monitor.Window.TotalHours, monitor.ConfidenceLevel, monitor.MinimumSamples, statuses, calibration, agents));
    }
}
