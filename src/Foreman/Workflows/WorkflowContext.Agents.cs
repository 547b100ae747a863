using Foreman.Agents;

namespace Foreman.Workflows;

/// <summary>Agent runs as durable steps.</summary>
public sealed partial class WorkflowContext
{
    /// <summary>
    /// Runs an agent inside the workflow. Each model call and each tool call is a journaled step, so after a crash
    /// the run continues where it was: no model call is paid twice and no tool acts twice. Tools receive
    /// idempotency keys derived from this run and position.
    /// </summary>
    /// <param name="runtime">The agent runtime.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="input">The request.</param>
    /// <returns>The agent's result.</returns>
    public Task<AgentResult> RunAgentAsync(AgentRuntime runtime, Agent agent, string input)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(agent);
        var scope = Scope($"agent.{agent.Name}");
        var request = new AgentRequest(input)
        {
            RunId = $"{RunId}/{scope._prefix.TrimEnd('/')}",
            IdempotencyPrefix = $"{RunId}:{scope._prefix.TrimEnd('/')}",
            Journal = new WorkflowAgentJournal(scope, agent.Name),
            Services = Services,
        };
        return runtime.RunAsync(agent, request, CancellationToken);
    }
}
