using System.Text.Json;
using Foreman.Reviews;
using Foreman.Server.Auth;
using Foreman.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Foreman.Server.Reviews;

/// <summary>
/// The review queue: pending items most urgent first, one item with its packet, and the three decisions. A decision
/// is a compare-and-set: the first one wins, a later one gets 409 with the winner, and nothing else changes.
/// </summary>
internal static class ReviewEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/reviews").WithTags("Reviews").RequireRole(Role.Reviewer);
        group.MapGet("/", ListAsync).Produces<IReadOnlyList<ReviewView>>().ProducesProblem(400)
            .WithSummary("Lists review items: pending ones most urgent first (default), or those of another status.");
        group.MapGet("/{itemId}", GetAsync).Produces<ReviewView>().ProducesProblem(404).WithSummary("One review item with its escalation packet.");
        group.MapPost("/{itemId}/approve", (string itemId, HttpContext context, ReviewService service) => DecideAsync(itemId, ReviewStatus.Approved, context, service))
            .Accepts<DecisionRequest>("application/json").Produces<ReviewView>().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Approves the proposed action exactly as proposed; the waiting run continues.");
        group.MapPost("/{itemId}/reject", (string itemId, HttpContext context, ReviewService service) => DecideAsync(itemId, ReviewStatus.Rejected, context, service))
            .Accepts<DecisionRequest>("application/json").Produces<ReviewView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Rejects the proposed action (a reason is required).");
        group.MapPost("/{itemId}/modify", (string itemId, HttpContext context, ReviewService service) => DecideAsync(itemId, ReviewStatus.Modified, context, service))
            .Accepts<DecisionRequest>("application/json").Produces<ReviewView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Approves an edited action; the edits must satisfy the action's schema.");
    }

    private static async Task<IResult> ListAsync(HttpContext context, ReviewService service, IReviewStore store, TimeProvider time, string? status, string? queue)
    {
        if (string.IsNullOrEmpty(status) || string.Equals(status, "pending", StringComparison.OrdinalIgnoreCase))
        {
            var pending = await service.ListPendingAsync(string.IsNullOrEmpty(queue) ? null : queue, context.RequestAborted);
            return Results.Ok(pending.Select(p => ReviewView.From(p.Item, p.Priority)).ToList());
        }

        if (!ApiJson.TryParse<ReviewStatus>(status, out var wanted))
        {
            return Problems.BadRequest($"Unknown status '{status}'. Use one of: {string.Join(", ", Enum.GetValues<ReviewStatus>().Select(s => ApiJson.Name(s)))}.");
        }

        var items = await store.ListAsync(new ReviewQuery(wanted, string.IsNullOrEmpty(queue) ? null : queue), context.RequestAborted);
        return Results.Ok(items.OrderByDescending(i => i.DecidedAt ?? i.CreatedAt).Select(i => ReviewView.From(i)).ToList());
    }

    private static async Task<IResult> GetAsync(string itemId, IReviewStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var item = await store.GetAsync(itemId, cancellationToken);
        return item is null ? Problems.NotFound($"There is no review item {itemId}.") : Results.Ok(ReviewView.From(item));
    }

    private static async Task<IResult> DecideAsync(string itemId, ReviewStatus verdict, HttpContext context, ReviewService service)
    {
        var (body, problem) = await JsonBody.ReadAsync<DecisionRequest>(context.Request, optional: verdict == ReviewStatus.Approved);
        if (problem is not null)
        {
            return problem;
        }

        var reason = string.IsNullOrWhiteSpace(body?.Reason) ? null : body.Reason.Trim();
        if (reason is { Length: > 2000 })
        {
            return Problems.BadRequest("reason must be at most 2000 characters.");
        }

        if (verdict == ReviewStatus.Rejected && reason is null)
        {
            return Problems.BadRequest("A rejection needs a reason: {\"reason\": \"…\"}.");
        }

        string? modified = null;
        if (verdict == ReviewStatus.Modified)
        {
            if (body?.Action is not { ValueKind: JsonValueKind.Object } action)
            {
                return Problems.BadRequest("A modification needs the edited arguments as an object: {\"action\": {…}}.");
            }

            modified = action.GetRawText();
        }

        // The decider is the key's name, so the audit trail says who decided.
        var decidedBy = context.User.Identity?.Name ?? "unknown";
        var result = await service.DecideAsync(itemId, new ReviewDecision(verdict, decidedBy, reason, modified), context.RequestAborted);
        return result.Status switch
        {
            DecideStatus.Decided => Results.Ok(ReviewView.From(result.Item!)),
            DecideStatus.NotFound => Problems.NotFound($"There is no review item {itemId}."),
            DecideStatus.InvalidModification => Problems.Unprocessable(result.Message, result.Errors),
            _ => Problems.Conflict(result.Message),
        };
    }
}
