using Foreman.Agents;
using Foreman.Models;
using Foreman.Patterns.Workers;
using Foreman.Telemetry;
using Foreman.Workflows;

namespace Foreman.Patterns.Tiering;

/// <summary>
/// An agent worker whose model comes from a <see cref="TierPolicy"/> by task type. When the run on the tier's
/// model fails (after the agent's own retries of transient errors), the same agent runs again on each fallback
/// model, then on each fallback tier, in turn, each run a durable step of its own, until one succeeds or needs a
/// person. Thread-safe.
/// </summary>
public sealed class TieredAgentWorker : IWorker
{
    private readonly AgentRuntime _runtime;
    private readonly Agent[] _agents;

    /// <summary>Creates the worker.</summary>
    /// <param name="runtime">Runs the agents.</param>
    /// <param name="policy">The tiering policy.</param>
    /// <param name="taskType">The task type this worker serves.</param>
    /// <param name="configure">Builds the agent's options; the worker sets the model or tier on each copy.</param>
    public TieredAgentWorker(AgentRuntime runtime, TierPolicy policy, string taskType, Func<AgentOptions> configure)
    {
        _runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(configure);
        TaskType = taskType ?? throw new ArgumentNullException(nameof(taskType));
        Tier = policy.TierFor(taskType);
        var primary = configure();
        primary.Model = null;
        primary.Tier = Tier;
        Name = primary.Name;
        var agents = new List<Agent> { Agent.Create(primary) };
        foreach (var model in policy.FallbacksFor(Tier))
        {
            var options = configure();
            options.Model = model;
            agents.Add(Agent.Create(options));
        }

        foreach (var tier in policy.TierFallbacksFor(Tier))
        {
            var options = configure();
            options.Model = null;
            options.Tier = tier;
            agents.Add(Agent.Create(options));
        }

        _agents = [.. agents];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Gets the task type.</summary>
    public string TaskType { get; }

    /// <summary>Gets the tier the task type runs on.</summary>
    public ModelTier Tier { get; }

    /// <inheritdoc />
    public async Task<WorkResult> ExecuteAsync(WorkflowContext context, WorkTask task)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(task);
        using var activity = PatternSpans.Start($"foreman.tier {Name}", "tier", Name);
        activity?.SetTag(PatternAttributes.Tier, Tier.ToString().ToLowerInvariant());
        activity?.SetTag(PatternAttributes.TaskKind, TaskType);
        WorkResult? result = null;
        decimal cost = 0;
        var calls = 0;
        foreach (var agent in _agents)
        {
            var run = await context.RunAgentAsync(_runtime, agent, task.InputText());
            result = AgentWorker.FromAgentResult(task, run);
            cost += result.Cost;
            calls += result.ModelCalls;
            if (result.Status != WorkStatus.Failure)
            {
                break;
            }
        }

        var final = result! with { Cost = cost, ModelCalls = calls };
        activity?.SetTag(GenAIAttributes.ResponseModel, final.Model);
        return final;
    }
}
