using System.Text.Json;
using Foreman.Patterns.Routing;
using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Supervision;

/// <summary>Everything a supervisor did for one task: the route, each specialist's result, the consolidation.</summary>
public sealed record SupervisorResult
{
    /// <summary>Gets the supervisor's name.</summary>
    public required string Supervisor { get; init; }

    /// <summary>Gets how the task ended: success; failure when every routed specialist failed (a parent may retry the whole level); otherwise needs_human when any part needs a person.</summary>
    public required WorkStatus Status { get; init; }

    /// <summary>Gets the consolidated output; when a person is needed, the partial output of the specialists that finished.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>Gets the routing decision.</summary>
    public required RouteDecision Decision { get; init; }

    /// <summary>Gets each routed specialist's final result (after retries and fallback), by route.</summary>
    public required IReadOnlyDictionary<string, WorkResult> Specialists { get; init; }

    /// <summary>Gets the conflicts the consolidator saw.</summary>
    public IReadOnlyList<ConsolidationConflict> Conflicts { get; init; } = [];

    /// <summary>Gets why a person is needed, one line per cause.</summary>
    public IReadOnlyList<string> Escalations { get; init; } = [];

    /// <summary>Gets the inference cost of routing and every specialist, every attempt included.</summary>
    public decimal Cost { get; init; }

    /// <summary>Gets the confidence: the lowest confidence of the routing and the specialists that succeeded.</summary>
    public double Confidence { get; init; }

    /// <summary>Gets this supervisor's nesting level: 1 at the top.</summary>
    public int Level { get; init; }

    /// <summary>Gets the supervisor's wall time in milliseconds.</summary>
    public double DurationMs { get; init; }

    /// <summary>Gets the milliseconds this level adds on top of its slowest specialist.</summary>
    public double SelfMs { get; init; }
}
