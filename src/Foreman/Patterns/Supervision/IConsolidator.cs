using Foreman.Patterns.Routing;
using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Supervision;

/// <summary>
/// Turns the specialists' validated results into the supervisor's result: merges them, resolves conflicts and
/// says when a person must decide. Deterministic (it runs again on replay); thread-safe.
/// </summary>
public interface IConsolidator
{
    /// <summary>Consolidates.</summary>
    /// <param name="task">The supervisor's task.</param>
    /// <param name="decision">The routing decision.</param>
    /// <param name="results">The results of the specialists that succeeded, by route, in routing order.</param>
    /// <returns>The consolidation.</returns>
    Consolidation Consolidate(WorkTask task, RouteDecision decision, IReadOnlyDictionary<string, WorkResult> results);
}
