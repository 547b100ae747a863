using System.Text.Json;
using Foreman.Agents;
using Foreman.Workflows;

namespace Foreman.Patterns.Workers;

/// <summary>
/// A worker backed by an agent: the task's input is the request, the agent's validated output is the result.
/// Every model and tool call is a journaled step of the workflow. Thread-safe.
/// </summary>
public sealed class AgentWorker : IWorker
{
    private readonly AgentRuntime _runtime;

    /// <summary>Creates the worker.</summary>
    /// <param name="runtime">Runs the agent.</param>
    /// <param name="agent">The agent.</param>
    public AgentWorker(AgentRuntime runtime, Agent agent)
    {
        _runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        Agent = agent ?? throw new ArgumentNullException(nameof(agent));
    }

    /// <summary>Gets the agent.</summary>
    public Agent Agent { get; }

    /// <inheritdoc />
    public string Name => Agent.Name;

    /// <inheritdoc />
    public async Task<WorkResult> ExecuteAsync(WorkflowContext context, WorkTask task)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(task);
        var result = await context.RunAgentAsync(_runtime, Agent, task.InputText());
        return FromAgentResult(task, result);
    }

    /// <summary>Maps an agent's result onto the worker contract.</summary>
    /// <param name="task">The task.</param>
    /// <param name="result">The agent's result.</param>
    /// <returns>The worker result.</returns>
    public static WorkResult FromAgentResult(WorkTask task, AgentResult result)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(result);
        var output = result.Output ?? (result.Text is { } text ? JsonSerializer.SerializeToElement(text) : null);
        return new WorkResult
        {
            TaskId = task.TaskId,
            Worker = result.AgentName,
            Status = result.Status switch
            {
                AgentStatus.Succeeded => WorkStatus.Success,
                AgentStatus.NeedsHuman => WorkStatus.NeedsHuman,
                _ => WorkStatus.Failure,
            },
            Output = result.Status == AgentStatus.Failed ? null : output,
            Error = result.Status == AgentStatus.Succeeded ? null : $"{result.StopReason}: {result.StopDetail}",
            Confidence = result.Confidence,
            Cost = result.Usage.Cost,
            ModelCalls = result.Usage.ModelCalls,
            Model = result.Model,
            DurationMs = result.Duration.TotalMilliseconds,
        };
    }
}
