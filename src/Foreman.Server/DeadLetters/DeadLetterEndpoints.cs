using Foreman.Server.Auth;
using Foreman.Server.Http;
using Foreman.Server.Runs;
using Foreman.Workflows;
using Foreman.Workflows.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Foreman.Server.DeadLetters;

/// <summary>Dead letters (and suspended runs, which need the same operator attention): list and re-queue.</summary>
internal static class DeadLetterEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/dead-letters").WithTags("Dead letters").RequireRole(Role.Operator);
        group.MapGet("/", ListAsync).Produces<IReadOnlyList<RunView>>().WithSummary("Lists dead-lettered and suspended runs, newest first, with their error.");
        group.MapPost("/{runId}/requeue", RequeueAsync).Produces<RunView>().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Puts a dead-lettered or suspended run back in the queue; finished steps keep their results.");
    }

    private static async Task<IResult> ListAsync(IWorkflowStore store, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 500)
        {
            return Problems.BadRequest("limit must be between 1 and 500.");
        }

        var take = limit ?? 100;
        var dead = await store.ListRunsAsync(new RunQuery { Status = RunStatus.DeadLettered, Limit = take }, cancellationToken);
        var suspended = await store.ListRunsAsync(new RunQuery { Status = RunStatus.Suspended, Limit = take }, cancellationToken);
        return Results.Ok(dead.Concat(suspended).OrderByDescending(r => r.UpdatedAt).Take(take).Select(r => RunView.From(r)).ToList());
    }

    private static async Task<IResult> RequeueAsync(string runId, WorkflowEngine engine, CancellationToken cancellationToken)
    {
        var status = await engine.RequeueAsync(runId, cancellationToken);
        return status switch
        {
            CommitStatus.Committed => Results.Ok(RunView.From((await engine.GetRunAsync(runId, cancellationToken))!)),
            CommitStatus.NotFound => Problems.NotFound($"There is no run {runId}."),
            _ => Problems.Conflict($"Run {runId} is not dead-lettered or suspended; only those can be re-queued."),
        };
    }
}
