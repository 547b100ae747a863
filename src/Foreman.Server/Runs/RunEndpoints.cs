using System.Text.Json;
using Foreman.Reviews;
using Foreman.Server.Auth;
using Foreman.Server.Http;
using Foreman.Server.Workflows;
using Foreman.Tracing;
using Foreman.Workflows;
using Foreman.Workflows.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Server.Runs;

/// <summary>Runs: submit (Idempotency-Key honoured), list and filter, status and result, trace, cancel.</summary>
internal static class RunEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/runs").WithTags("Runs");
        group.MapPost("/", SubmitAsync).RequireRole(Role.Submitter)
            .Accepts<SubmitRunRequest>("application/json").Produces<SubmitRunView>(201).Produces<SubmitRunView>(200)
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422)
            .WithSummary("Submits a run. With an Idempotency-Key header, repeating the request returns the same run (200) instead of creating another.");
        group.MapGet("/", ListAsync).RequireRole(Role.Submitter).Produces<RunListView>().ProducesProblem(400)
            .WithSummary("Lists runs, newest first; filter by status and workflow, page with before.");
        group.MapGet("/{runId}", GetAsync).RequireRole(Role.Submitter).Produces<RunView>().ProducesProblem(404)
            .WithSummary("A run's status, input, result or error, and inference cost.");
        group.MapGet("/{runId}/trace", TraceAsync).RequireRole(Role.Submitter).Produces<TraceViewNode>().ProducesProblem(404)
            .WithSummary("A run's trace: steps, agents with their model and tool calls (tokens, cost, validation), waits and reviews.");
        group.MapPost("/{runId}/cancel", CancelAsync).RequireRole(Role.Operator)
            .Accepts<CancelRunRequest>("application/json").Produces<RunView>().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Cancels a run that has not finished.");
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, WorkflowEngine engine, WorkflowCatalog catalog)
    {
        var key = context.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > MaxKeyLength || (context.Request.Headers.ContainsKey(IdempotencyHeader) && string.IsNullOrWhiteSpace(key)))
        {
            return Problems.BadRequest($"{IdempotencyHeader} must be 1 to {MaxKeyLength} characters.");
        }

        var (body, problem) = await JsonBody.ReadAsync<SubmitRunRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Workflow) || !catalog.Contains(body.Workflow))
        {
            return Problems.BadRequest($"Unknown workflow '{body.Workflow}'. Known: {string.Join(", ", catalog.All.Select(w => w.Name))}.");
        }

        var input = body.Input ?? JsonSerializer.SerializeToElement<object?>(null);
        if (catalog.CheckInput(body.Workflow, input, engine.SerializerOptions) is { } inputError)
        {
            return Problems.BadRequest(inputError);
        }

        var (run, created) = await engine.SubmitAsync(body.Workflow, input, key.Length > 0 ? key : null, context.RequestAborted);
        if (!created && !SameRequest(run, body.Workflow, input))
        {
            return Problems.Unprocessable($"The {IdempotencyHeader} '{key}' was already used for a different request (run {run.RunId}); use a new key.");
        }

        var view = new SubmitRunView(created, RunView.From(run));
        return created ? Results.Created($"/api/runs/{run.RunId}", view) : Results.Ok(view);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IWorkflowStore store, string? status, string? workflow, int? limit, string? before)
    {
        RunStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!ApiJson.TryParse<RunStatus>(status, out var parsed))
            {
                return Problems.BadRequest($"Unknown status '{status}'. Use one of: {string.Join(", ", Enum.GetValues<RunStatus>().Select(s => ApiJson.Name(s)))}.");
            }

            wanted = parsed;
        }

        if (limit is < 1 or > 500)
        {
            return Problems.BadRequest("limit must be between 1 and 500.");
        }

        var take = limit ?? 50;
        var runs = await store.ListRunsAsync(new RunQuery { Status = wanted, Workflow = string.IsNullOrEmpty(workflow) ? null : workflow, Limit = take, Before = string.IsNullOrEmpty(before) ? null : before }, context.RequestAborted);
        var views = new List<RunView>(runs.Count);
        var traces = context.RequestServices.GetService<ITraceStore>();
        foreach (var run in runs)
        {
            views.Add(RunView.From(run, await CostOfAsync(run.RunId, store, traces, context.RequestAborted)));
        }

        return Results.Ok(new RunListView(views, runs.Count == take ? runs[^1].RunId : null));
    }

    private static async Task<IResult> GetAsync(string runId, IWorkflowStore store, CancellationToken cancellationToken)
    {
        var run = await store.GetRunAsync(runId, cancellationToken);
        return run is null
            ? Problems.NotFound($"There is no run {runId}.")
            : Results.Ok(RunView.From(run, TraceBuilder.CostOf(await store.GetJournalAsync(runId, cancellationToken))));
    }

    /// <summary>
    /// A run's model usage for lists: from its trace summary when the trace store has one (a small row), else summed
    /// from the journal, which holds every model response (a heavier read, but exact; one run's details use it).
    /// </summary>
    private static async Task<RunCost> CostOfAsync(string runId, IWorkflowStore store, ITraceStore? traces, CancellationToken cancellationToken)
    {
        if (traces is not null && await traces.GetRunAsync(runId, cancellationToken) is { ModelCalls: > 0 } summary)
        {
            return new RunCost(summary.ModelCalls, summary.InputTokens, summary.OutputTokens, summary.Cost);
        }

        return TraceBuilder.CostOf(await store.GetJournalAsync(runId, cancellationToken));
    }

    private static async Task<IResult> TraceAsync(string runId, IWorkflowStore store, IReviewStore reviews, HttpContext context, CancellationToken cancellationToken)
    {
        var run = await store.GetRunAsync(runId, cancellationToken);
        if (run is null)
        {
            return Problems.NotFound($"There is no run {runId}.");
        }

        var journal = await store.GetJournalAsync(runId, cancellationToken);
        var items = await reviews.ListAsync(new ReviewQuery(RunId: runId), cancellationToken);
        var view = TraceBuilder.Build(run, journal, items);

        // With a trace store, the recorded spans (attempts, retries, guardrail events, validation) replace the
        // journal's reconstruction of the agents; the journal still supplies the workflow's steps, waits and reviews.
        if (context.RequestServices.GetService<TraceQueryService>() is { } traces && await traces.GetTraceAsync(runId, cancellationToken) is { Roots.Count: > 0 } trace)
        {
            view = SpanTraceMapper.Merge(view, trace);
        }

        return Results.Ok(view);
    }

    private static async Task<IResult> CancelAsync(string runId, HttpContext context, WorkflowEngine engine)
    {
        var (body, problem) = await JsonBody.ReadAsync<CancelRunRequest>(context.Request, optional: true);
        if (problem is not null)
        {
            return problem;
        }

        var reason = string.IsNullOrWhiteSpace(body?.Reason) ? $"cancelled by {context.User.Identity?.Name}" : body.Reason.Trim();
        var status = await engine.CancelAsync(runId, reason, context.RequestAborted);
        return status switch
        {
            CommitStatus.Committed => Results.Ok(RunView.From((await engine.GetRunAsync(runId, context.RequestAborted))!)),
            CommitStatus.NotFound => Problems.NotFound($"There is no run {runId}."),
            _ => Problems.Conflict($"Run {runId} has already finished; only a run that has not finished can be cancelled."),
        };
    }

    private static bool SameRequest(RunRecord run, string workflow, JsonElement input)
    {
        if (!string.Equals(run.Workflow, workflow, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var stored = JsonDocument.Parse(run.Input);
            return JsonElement.DeepEquals(stored.RootElement, input);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
