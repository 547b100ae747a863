using Foreman.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Foreman.Server.Alerts;

/// <summary>Active alerts from every registered source, critical first.</summary>
internal static class AlertEndpoints
{
    private static readonly string[] SeverityOrder = ["critical", "error", "warning", "info"];

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/alerts", ListAsync).WithTags("Alerts").RequireRole(Role.Operator)
            .Produces<IReadOnlyList<ServerAlert>>().WithSummary("Active alerts, critical first.");

    private static async Task<IResult> ListAsync(IEnumerable<IAlertSource> sources, CancellationToken cancellationToken)
    {
        var alerts = new List<ServerAlert>();
        foreach (var source in sources)
        {
            alerts.AddRange(await source.ListActiveAsync(cancellationToken));
        }

        return Results.Ok(alerts.OrderBy(a => Array.IndexOf(SeverityOrder, a.Severity) is var i && i < 0 ? SeverityOrder.Length : i).ThenBy(a => a.Id, StringComparer.Ordinal).ToList());
    }
}
