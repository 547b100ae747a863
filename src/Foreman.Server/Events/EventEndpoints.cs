using Foreman.Server.Auth;
using Foreman.Server.Http;
using Foreman.Workflows;
using Foreman.Workflows.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Foreman.Server.Events;

/// <summary>
/// Delivers an external event (a webhook, a callback) to a run; a waiting run wakes. The body is the payload. The
/// <c>Idempotency-Key</c> header is the dedupe key, so a webhook sender's retries deliver once.
/// </summary>
internal static class EventEndpoints
{
    /// <summary>Event names the engine and the review queue use themselves; delivering them from outside would forge a decision.</summary>
    private static readonly string[] ReservedPrefixes = ["review:", "child:"];

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/runs/{runId}/events/{eventName}", DeliverAsync).WithTags("Events").RequireRole(Role.Submitter)
            .Accepts<object>("application/json").Produces<EventDeliveryView>(202).Produces<EventDeliveryView>(200)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Delivers an event (webhook) to a run. The body is the payload; Idempotency-Key makes retries harmless.");

    private static async Task<IResult> DeliverAsync(string runId, string eventName, HttpContext context, WorkflowEngine engine)
    {
        if (eventName.Length is 0 or > 200)
        {
            return Problems.BadRequest("The event name must be 1 to 200 characters.");
        }

        if (ReservedPrefixes.Any(p => eventName.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.Problem(StatusCodes.Status403Forbidden, "Reserved event.", $"Events named '{eventName}' come from the review queue or the engine; decide reviews through /api/reviews.");
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 200)
        {
            return Problems.BadRequest("Idempotency-Key must be at most 200 characters.");
        }

        var (payload, problem) = await JsonBody.ReadElementAsync(context.Request, optional: true);
        if (problem is not null)
        {
            return problem;
        }

        var status = await engine.DeliverEventAsync(runId, eventName, payload, key.Length > 0 ? key : null, context.RequestAborted);
        var view = new EventDeliveryView(runId, eventName, status);
        return status switch
        {
            DeliveryStatus.Delivered => Results.Accepted($"/api/runs/{runId}", view),
            DeliveryStatus.Duplicate => Results.Ok(view),
            DeliveryStatus.NotFound => Problems.NotFound($"There is no run {runId}."),
            _ => Problems.Conflict($"Run {runId} has finished; it takes no more events."),
        };
    }
}
