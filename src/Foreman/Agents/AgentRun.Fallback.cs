using System.Diagnostics;
using Foreman.Budgets;
using Foreman.Telemetry;
using Microsoft.Extensions.AI;

namespace Foreman.Agents;

/// <summary>What a run does when a budget reaches its alert threshold: alert, then escalate, simplify or decline.</summary>
internal sealed partial class AgentRun
{
    private const string DeclineMessage = "I could not complete this request within the limits set for it. Nothing was changed; please try a narrower request or ask a colleague.";

    private async Task<AgentResult> TakeFallbackAsync(Activity? activity, (BudgetKind Kind, double Used, double Limit, double Projected) breach, CancellationToken cancellationToken)
    {
        var alert = new BudgetAlert(_runId, _agent.Name, breach.Kind, breach.Used, breach.Limit, breach.Projected, _runtime.TimeProvider.GetUtcNow());
        _alerts.Add(alert);
        ForemanMetrics.BudgetAlerts.Add(1, new KeyValuePair<string, object?>(GenAIAttributes.AgentName, _agent.Name), new KeyValuePair<string, object?>("foreman.budget", breach.Kind.ToString()));
        AgentLog.BudgetAlert(_runtime.Logger, _agent.Name, _runId, breach.Kind, breach.Used, breach.Limit, _agent.Limits.Fallback);
        Notify(o => o.OnBudgetAlert(alert));
        var detail = $"The {breach.Kind} budget reached {breach.Used:0.##} of {breach.Limit:0.##} (alert at {_agent.Limits.AlertThreshold:P0}).";

        switch (_agent.Limits.Fallback)
        {
            case BudgetFallback.GracefulDecline:
                return Finish(activity, AgentStatus.Failed, StopReason.BudgetDeclined, detail, new Answer(DeclineMessage, null, []));
            case BudgetFallback.SimplifiedAnswer:
                var simplified = await TrySimplifiedAnswerAsync(cancellationToken);
                if (simplified is not null)
                {
                    return Finish(activity, AgentStatus.Succeeded, StopReason.BudgetSimplifiedAnswer, $"{detail} A simplified answer was produced without further tool calls.", simplified);
                }

                return Finish(activity, AgentStatus.NeedsHuman, StopReason.BudgetEscalated, $"{detail} The simplified answer failed, so the run was escalated.");
            default:
                return Finish(activity, AgentStatus.NeedsHuman, StopReason.BudgetEscalated, $"{detail} The run was escalated to a human.");
        }
    }

    private async Task<Answer?> TrySimplifiedAnswerAsync(CancellationToken cancellationToken)
    {
        // The last call must itself fit under the hard limits; otherwise escalate rather than overspend.
        _messages.Add(new ChatMessage(ChatRole.User,
            "Your budget for this task is nearly spent. Do not call any tool. Give your best final answer now from what you already know, in the required format, and lower your confidence if you are unsure."));
        if (!_budget.Fits(EstimatePromptTokens() + _agent.MaxOutputTokens, ProjectedCost()))
        {
            return null;
        }

        var turn = await CallModelAsync(ChatOptionsFor(withTools: false), cancellationToken);
        if (turn.Response is not { } response)
        {
            return null;
        }

        _messages.AddRange(response.Messages);
        var answer = await CheckOutputAsync(response.Text, cancellationToken);
        _outputProblems.AddRange(answer.Problems);
        return answer.Problems.Count == 0 ? answer : null;
    }
}
