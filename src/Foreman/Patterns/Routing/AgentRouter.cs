using System.Text.Json;
using Foreman.Agents;
using Foreman.Patterns.Workers;
using Foreman.Workflows;

namespace Foreman.Patterns.Routing;

/// <summary>
/// Routes with a small model: an agent whose output names the route (at <see cref="RoutePointer"/>) and may give
/// a reason and a confidence. A route that does not exist, a failed agent, or a confidence below
/// <see cref="MinimumConfidence"/> yields no route (a person decides) or the fallback route. The agent's model
/// call is a journaled step, and the decision itself is journaled too. Thread-safe.
/// </summary>
/// <param name="runtime">Runs the routing agent.</param>
/// <param name="agent">The routing agent; give it a fast-tier model and an output schema with an enum of routes.</param>
public sealed class AgentRouter(AgentRuntime runtime, Agent agent) : IRouter
{
    /// <summary>Gets where the route is in the agent's output. The default value is <c>/route</c>.</summary>
    public string RoutePointer { get; init; } = "/route";

    /// <summary>Gets where the reason is in the agent's output. The default value is <c>/reason</c>.</summary>
    public string ReasonPointer { get; init; } = "/reason";

    /// <summary>Gets the lowest confidence accepted. The default value is 0.5.</summary>
    public double MinimumConfidence { get; init; } = 0.5;

    /// <summary>Gets the route taken when the agent cannot decide, or <see langword="null"/> to ask a person.</summary>
    public string? FallbackRoute { get; init; }

    /// <inheritdoc />
    public async Task<RouteDecision> RouteAsync(WorkflowContext context, WorkTask task, IReadOnlyCollection<string> routes)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(routes);
        var result = await context.RunAgentAsync(runtime, agent, task.InputText());
        var decision = Decide(result, routes) with { Cost = result.Usage.Cost };
        return await context.StepAsync("route", (_, _) => Task.FromResult(decision), new StepOptions { Retry = StepRetryPolicy.None });
    }

    private RouteDecision Decide(AgentResult result, IReadOnlyCollection<string> routes)
    {
        if (result.Status != AgentStatus.Succeeded || result.Output is not { } output)
        {
            return Fallback($"the routing agent did not decide ({result.StopReason}: {result.StopDetail})", 0);
        }

        var route = PatternJson.TryRead(output, RoutePointer, out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var reason = PatternJson.TryRead(output, ReasonPointer, out var why) && why.ValueKind == JsonValueKind.String ? why.GetString()! : "chosen by the routing agent";
        if (route is null || !routes.Contains(route, StringComparer.Ordinal))
        {
            return Fallback($"the routing agent chose '{route}', which is not a route", result.Confidence);
        }

        if (result.Confidence < MinimumConfidence)
        {
            return Fallback($"the routing agent chose '{route}' with confidence {result.Confidence:0.00}, below {MinimumConfidence:0.00}", result.Confidence);
        }

        return new RouteDecision([route], reason, "model", result.Confidence);
    }

    private RouteDecision Fallback(string why, double confidence) =>
        FallbackRoute is null
            ? new RouteDecision([], why, "model", confidence)
            : new RouteDecision([FallbackRoute], $"{why}; fallback route", "model", confidence);
}
