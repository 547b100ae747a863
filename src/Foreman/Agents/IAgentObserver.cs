using Foreman.Budgets;
using Foreman.Guardrails;
using Foreman.Models;
using Foreman.Tools;

namespace Foreman.Agents;

/// <summary>
/// Receives the events of agent runs as they happen (for alerting, live dashboards, audit). Implement only what
/// you need. Called on the run's thread: keep handlers quick and thread-safe; an exception thrown by a handler is
/// caught and logged, never allowed to break the run.
/// </summary>
public interface IAgentObserver
{
    /// <summary>A model call finished (successfully or not).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="agentName">The agent.</param>
    /// <param name="call">What it consumed.</param>
    void OnModelCall(string runId, string agentName, ModelCallRecord call)
    {
    }

    /// <summary>A tool call finished or was stopped by a guard.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="agentName">The agent.</param>
    /// <param name="call">The trail entry.</param>
    void OnToolCall(string runId, string agentName, ToolCallRecord call)
    {
    }

    /// <summary>A budget reached its alert threshold.</summary>
    /// <param name="alert">The alert.</param>
    void OnBudgetAlert(BudgetAlert alert)
    {
    }

    /// <summary>An input guardrail rejected a request.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="agentName">The agent.</param>
    /// <param name="rejection">The rejection.</param>
    void OnGuardrailRejected(string runId, string agentName, GuardrailRejection rejection)
    {
    }

    /// <summary>A run finished.</summary>
    /// <param name="result">The result.</param>
    void OnCompleted(AgentResult result)
    {
    }
}
