using Foreman.Agents;
using Foreman.Budgets;
using Foreman.Guardrails;
using Foreman.Models;
using Foreman.Tools;

namespace Foreman.Tests.Agents;

/// <summary>An observer with a bug in every handler.</summary>
internal sealed class ThrowingObserver : IAgentObserver
{
    public int Calls { get; private set; }

    public void OnModelCall(string runId, string agentName, ModelCallRecord call) => Throw();

    public void OnToolCall(string runId, string agentName, ToolCallRecord call) => Throw();

    public void OnBudgetAlert(BudgetAlert alert) => Throw();

    public void OnGuardrailRejected(string runId, string agentName, GuardrailRejection rejection) => Throw();

    public void OnCompleted(AgentResult result) => Throw();

    private void Throw()
    {
        Calls++;
        throw new InvalidOperationException("The observer is broken.");
    }
}
