using System.Diagnostics;
using System.Text.Json;
using Foreman.Patterns.Routing;
using Foreman.Patterns.Workers;
using Foreman.Telemetry;
using Foreman.Workflows;

namespace Foreman.Patterns.Supervision;

/// <summary>
/// The supervisor pattern: a router picks specialists, each specialist runs as a durable, contract-checked task
/// (retried on durable timers, then its fallback), and a consolidator validates and merges what they produced.
/// A specialist that still fails does not sink the others: their results are kept (and journaled, so they are
/// never paid for again) and the supervisor returns needs_human with the partial output. A supervisor is itself
/// a worker, so supervisors nest (the hierarchical pattern): each level sees only the projection of the task its
/// parent gives it, and contracts are checked at each boundary. Thread-safe.
/// </summary>
public sealed class Supervisor : IWorker
{
    private static readonly AsyncLocal<int> Depth = new();
    private readonly Dictionary<string, Specialist> _specialists;

    /// <summary>Creates a supervisor.</summary>
    /// <param name="name">The supervisor's name.</param>
    /// <param name="router">Chooses the specialists.</param>
    /// <param name="specialists">The specialists, one per route.</param>
    /// <param name="consolidator">Merges their results; a <see cref="MergeConsolidator"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">Two specialists serve the same route.</exception>
    public Supervisor(string name, IRouter router, IEnumerable<Specialist> specialists, IConsolidator? consolidator = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Router = router ?? throw new ArgumentNullException(nameof(router));
        ArgumentNullException.ThrowIfNull(specialists);
        _specialists = new Dictionary<string, Specialist>(StringComparer.Ordinal);
        foreach (var specialist in specialists)
        {
            if (!_specialists.TryAdd(specialist.Route, specialist))
            {
                throw new ArgumentException($"Supervisor '{name}' has two specialists for route '{specialist.Route}'.", nameof(specialists));
            }
        }

        Consolidator = consolidator ?? new MergeConsolidator();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Gets the router.</summary>
    public IRouter Router { get; }

    /// <summary>Gets the consolidator.</summary>
    public IConsolidator Consolidator { get; }

    /// <summary>Gets the routes this supervisor serves.</summary>
    public IReadOnlyCollection<string> Routes => _specialists.Keys;

    /// <inheritdoc />
    public async Task<WorkResult> ExecuteAsync(WorkflowContext context, WorkTask task)
    {
        var result = await RunAsync(context, task);
        return new WorkResult
        {
            TaskId = task.TaskId,
            Worker = Name,
            Status = result.Status,
            Output = result.Output,
            Error = result.Escalations.Count > 0 ? string.Join(" ", result.Escalations) : null,
            Confidence = result.Confidence,
            Cost = result.Cost,
            ModelCalls = result.Specialists.Values.Sum(s => s.ModelCalls),
            DurationMs = result.DurationMs,
        };
    }

    /// <summary>Runs the task through routing, the specialists and consolidation.</summary>
    /// <param name="context">The durable context.</param>
    /// <param name="task">The task.</param>
    /// <returns>The full result.</returns>
    public async Task<SupervisorResult> RunAsync(WorkflowContext context, WorkTask task)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(task);
        var level = Depth.Value + 1;
        Depth.Value = level;
        var started = Stopwatch.GetTimestamp();
        using var activity = PatternSpans.Start($"invoke_agent {Name}", "supervisor", Name, invokeAgent: true);
        activity?.SetTag(PatternAttributes.Level, level);
        activity?.SetTag(PatternAttributes.TaskId, task.TaskId);

        var decision = await RouteAsync(context, task);
        var routed = decision.Routes.Where(_specialists.ContainsKey).ToList();
        var escalations = new List<string>();
        if (routed.Count == 0)
        {
            escalations.Add($"No specialist was chosen: {decision.Reason}.");
        }

        var results = await context.ParallelAsync(routed.Select(route => (Func<WorkflowContext, Task<WorkResult>>)(branch => RunSpecialistAsync(branch, task, _specialists[route]))));
        var byRoute = new Dictionary<string, WorkResult>(StringComparer.Ordinal);
        var succeeded = new Dictionary<string, WorkResult>(StringComparer.Ordinal);
        for (var i = 0; i < routed.Count; i++)
        {
            byRoute[routed[i]] = results[i];
            if (results[i].Status == WorkStatus.Success)
            {
                succeeded[routed[i]] = results[i];
            }
            else
            {
                escalations.Add($"{routed[i]} ({results[i].Worker}) {WorkDispatcher.StatusName(results[i].Status)} after {results[i].Attempts} attempt(s): {results[i].Error}");
            }
        }

        var consolidation = Consolidator.Consolidate(task, decision, succeeded);
        if (consolidation.NeedsHuman)
        {
            escalations.Add(consolidation.Reason ?? "The consolidator asks for a person.");
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var slowest = results.Length == 0 ? 0 : results.Max(r => r.DurationMs);
        var status = escalations.Count == 0 ? WorkStatus.Success
            : succeeded.Count == 0 && routed.Count > 0 && byRoute.Values.All(r => r.Status == WorkStatus.Failure) ? WorkStatus.Failure
            : WorkStatus.NeedsHuman;
        var confidences = succeeded.Values.Select(r => r.Confidence).Append(decision.Confidence);
        var result = new SupervisorResult
        {
            Supervisor = Name,
            Status = status,
            Output = consolidation.Output,
            Decision = decision,
            Specialists = byRoute,
            Conflicts = consolidation.Conflicts,
            Escalations = escalations,
            Cost = decision.Cost + byRoute.Values.Sum(r => r.Cost),
            Confidence = confidences.Min(),
            Level = level,
            DurationMs = elapsed,
            SelfMs = Math.Max(0, elapsed - slowest),
        };

        if (activity is not null)
        {
            activity.SetTag(PatternAttributes.Route, string.Join(",", routed));
            activity.SetTag(PatternAttributes.Status, WorkDispatcher.StatusName(status));
            activity.SetTag(PatternAttributes.Escalations, escalations.Count);
            activity.SetTag(PatternAttributes.Conflicts, consolidation.Conflicts.Count);
            activity.SetTag(PatternAttributes.LevelSelfMilliseconds, result.SelfMs);
            activity.SetTag(GenAIAttributes.Cost, (double)result.Cost);
            activity.SetTag(GenAIAttributes.Confidence, result.Confidence);
        }

        return result;
    }

    private async Task<RouteDecision> RouteAsync(WorkflowContext context, WorkTask task)
    {
        using var activity = PatternSpans.Start($"foreman.route {Name}", "router", Name);
        var decision = await Router.RouteAsync(context.Scope("router"), task, Routes);
        activity?.SetTag(PatternAttributes.Route, string.Join(",", decision.Routes));
        activity?.SetTag(PatternAttributes.RouteReason, decision.Reason);
        activity?.SetTag(PatternAttributes.RouterKind, decision.Router);
        activity?.SetTag(GenAIAttributes.Confidence, decision.Confidence);
        return decision;
    }

    private static Task<WorkResult> RunSpecialistAsync(WorkflowContext context, WorkTask task, Specialist specialist)
    {
        // Context isolation: the specialist gets its own task carrying only the part of the input it may see.
        var input = specialist.Project is { } project ? project(task.Input) : task.Input;
        var subTask = new WorkTask($"{task.TaskId}.{specialist.Route}", specialist.Route, input);
        return WorkDispatcher.DispatchAsync(context, specialist.Worker, subTask, specialist.Dispatch);
    }
}
