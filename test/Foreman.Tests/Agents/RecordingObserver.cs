using Foreman.Agents;
using Foreman.Budgets;
using Foreman.Guardrails;
using Foreman.Models;
using Foreman.Tools;

namespace Foreman.Tests.Agents;

/// <summary>Remembers every event of every run. Thread-safe.</summary>
internal sealed class RecordingObserver : IAgentObserver
{
    private readonly Lock _lock = new();
    private readonly List<ModelCallRecord> _modelCalls = [];
    private readonly List<ToolCallRecord> _toolCalls = [];
    private readonly List<BudgetAlert> _alerts = [];
    private readonly List<GuardrailRejection> _rejections = [];
    private readonly List<AgentResult> _completed = [];

    public IReadOnlyList<ModelCallRecord> ModelCalls => Snapshot(_modelCalls);

    public IReadOnlyList<ToolCallRecord> ToolCalls => Snapshot(_toolCalls);

    public IReadOnlyList<BudgetAlert> Alerts => Snapshot(_alerts);

    public IReadOnlyList<GuardrailRejection> Rejections => Snapshot(_rejections);

    public IReadOnlyList<AgentResult> Completed => Snapshot(_completed);

    public void OnModelCall(string runId, string agentName, ModelCallRecord call) => Add(_modelCalls, call);

    public void OnToolCall(string runId, string agentName, ToolCallRecord call) => Add(_toolCalls, call);

    public void OnBudgetAlert(BudgetAlert alert) => Add(_alerts, alert);

    public void OnGuardrailRejected(string runId, string agentName, GuardrailRejection rejection) => Add(_rejections, rejection);

    public void OnCompleted(AgentResult result) => Add(_completed, result);

    private void Add<T>(List<T> list, T item)
    {
        lock (_lock)
        {
            list.Add(item);
        }
    }

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (_lock)
        {
            return [.. list];
        }
    }
}
