using System.Text.Json;
using Foreman.Patterns.Workers;
using Foreman.Workflows;

namespace Foreman.Patterns.Routing;

/// <summary>
/// Routes by rules, in order, without a model. With <see cref="FanOut"/> every matching rule's route is taken
/// (the specialists run in parallel); otherwise the first match wins. Thread-safe.
/// </summary>
/// <param name="rules">The rules, in order.</param>
/// <param name="fallbackRoute">The route when no rule matches, or <see langword="null"/> to ask a person.</param>
public sealed class RuleRouter(IEnumerable<RouteRule> rules, string? fallbackRoute = null) : IRouter
{
    private readonly RouteRule[] _rules = rules?.ToArray() ?? throw new ArgumentNullException(nameof(rules));

    /// <summary>Gets or sets a value indicating whether every matching route is taken rather than the first. The default value is <see langword="false"/>.</summary>
    public bool FanOut { get; init; }

    /// <summary>Creates a router that sends every task to all of <paramref name="routes"/>.</summary>
    /// <param name="routes">The routes.</param>
    /// <returns>The router.</returns>
    public static RuleRouter All(params IEnumerable<string> routes) =>
        new(routes.Select(r => new RouteRule(r, _ => true, "every task goes to every specialist")), null) { FanOut = true };

    /// <inheritdoc />
    public Task<RouteDecision> RouteAsync(WorkflowContext context, WorkTask task, IReadOnlyCollection<string> routes)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(task);

        // A step, so the decision sits in the journal next to the work it caused, and a replay after a rule
        // change still follows the route this run took.
        return context.StepAsync("route", (_, _) => Task.FromResult(Decide(task.Input)), new StepOptions { Retry = StepRetryPolicy.None });
    }

    private RouteDecision Decide(JsonElement input)
    {
        var matched = _rules.Where(r => r.When(input)).ToList();
        if (!FanOut && matched.Count > 1)
        {
            matched = [matched[0]];
        }

        if (matched.Count > 0)
        {
            return new RouteDecision([.. matched.Select(r => r.Route).Distinct(StringComparer.Ordinal)], string.Join("; ", matched.Select(r => r.Description).Distinct(StringComparer.Ordinal)), "rules");
        }

        return fallbackRoute is null
            ? new RouteDecision([], "no rule matched", "rules", 0)
            : new RouteDecision([fallbackRoute], "no rule matched; fallback route", "rules", 0.5);
    }
}
