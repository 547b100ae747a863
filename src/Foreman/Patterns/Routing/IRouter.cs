using Foreman.Patterns.Workers;
using Foreman.Workflows;

namespace Foreman.Patterns.Routing;

/// <summary>Chooses which specialists handle a task. The decision is journaled, so a replay takes the same routes.</summary>
public interface IRouter
{
    /// <summary>Decides the routes of <paramref name="task"/>.</summary>
    /// <param name="context">The durable context, scoped to the routing.</param>
    /// <param name="task">The task.</param>
    /// <param name="routes">The routes that exist.</param>
    /// <returns>The decision; empty routes ask for a person.</returns>
    Task<RouteDecision> RouteAsync(WorkflowContext context, WorkTask task, IReadOnlyCollection<string> routes);
}
