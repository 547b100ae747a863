using Foreman.Agents;

namespace Foreman.Workflows;

/// <summary>Journals an agent's model and tool calls as durable steps of the workflow that runs it.</summary>
internal sealed class WorkflowAgentJournal(WorkflowContext context, string agentName) : IAgentJournal
{
    // The agent loop retries model calls itself and turns tool failures into values, so the step never retries.
    private static readonly StepOptions Once = new() { Retry = StepRetryPolicy.None };

    public Task<string> RecordAsync(string operation, Func<CancellationToken, Task<string>> execute, CancellationToken cancellationToken) =>
        context.StepAsync($"agent:{agentName}:{operation}", (_, ct) => execute(ct), Once);
}
