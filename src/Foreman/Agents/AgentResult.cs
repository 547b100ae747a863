using System.Text.Json;
using Foreman.Budgets;
using Foreman.Guardrails;
using Foreman.Models;
using Foreman.Tools;

namespace Foreman.Agents;

/// <summary>The structured result of one agent run.</summary>
public sealed class AgentResult
{
    /// <summary>Gets the run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the agent's name.</summary>
    public required string AgentName { get; init; }

    /// <summary>Gets how the run ended.</summary>
    public required AgentStatus Status { get; init; }

    /// <summary>Gets why the run stopped.</summary>
    public required StopReason StopReason { get; init; }

    /// <summary>Gets a sentence explaining the stop, for people and logs.</summary>
    public required string StopDetail { get; init; }

    /// <summary>Gets the validated output, when the agent has an output schema and succeeded.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>Gets the model's final text (or the decline message).</summary>
    public string? Text { get; init; }

    /// <summary>Gets the confidence, 0 to 1: reported by the model when its output carries one, otherwise derived.</summary>
    public double Confidence { get; init; }

    /// <summary>Gets a value indicating whether <see cref="Confidence"/> came from the model rather than being derived.</summary>
    public bool ConfidenceReported { get; init; }

    /// <summary>Gets what the run consumed.</summary>
    public required AgentUsage Usage { get; init; }

    /// <summary>Gets every model call, in order.</summary>
    public required IReadOnlyList<ModelCallRecord> ModelCalls { get; init; }

    /// <summary>Gets every tool call, in order: the tool-call trail.</summary>
    public required IReadOnlyList<ToolCallRecord> Trail { get; init; }

    /// <summary>Gets the budget alerts that fired.</summary>
    public IReadOnlyList<BudgetAlert> BudgetAlerts { get; init; } = [];

    /// <summary>Gets the guardrail rejection, when the request was refused.</summary>
    public GuardrailRejection? GuardrailRejection { get; init; }

    /// <summary>Gets the action waiting for approval, when the run stopped for one.</summary>
    public ToolApprovalRequest? PendingApproval { get; init; }

    /// <summary>Gets output validation problems seen during the run (including ones the model then corrected).</summary>
    public IReadOnlyList<string> OutputProblems { get; init; } = [];

    /// <summary>Gets the calls that were blocked by the permission policy.</summary>
    public IEnumerable<ToolCallRecord> BlockedCalls => Trail.Where(t => t.Error?.Kind == ToolErrorKind.PermissionDenied);

    /// <summary>Gets how long the run took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets the model that served the run.</summary>
    public string? Model { get; init; }
}
