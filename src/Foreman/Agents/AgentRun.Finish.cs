using System.Diagnostics;
using Foreman.Guardrails;
using Foreman.Telemetry;
using Foreman.Tools;

namespace Foreman.Agents;

/// <summary>Building the result, and reporting it to metrics, the span and observers.</summary>
internal sealed partial class AgentRun
{
    private const double SimplifiedAnswerConfidenceCap = 0.6;

    private AgentResult Finish(Activity? activity, AgentStatus status, StopReason reason, string detail, Answer? answer = null,
        GuardrailRejection? guardrail = null, ToolApprovalRequest? pending = null)
    {
        var (confidence, reported) = status == AgentStatus.Succeeded ? ConfidenceOf(answer?.Output) : (0d, false);
        if (reason == StopReason.BudgetSimplifiedAnswer)
        {
            confidence = Math.Min(confidence, SimplifiedAnswerConfidenceCap);
        }

        var result = new AgentResult
        {
            RunId = _runId,
            AgentName = _agent.Name,
            Status = status,
            StopReason = reason,
            StopDetail = detail,
            Output = status == AgentStatus.Succeeded ? answer?.Output : null,
            Text = answer?.Text,
            Confidence = confidence,
            ConfidenceReported = reported,
            Usage = new AgentUsage(
                _modelCalls.Count,
                _guard.Trail.Count,
                _modelCalls.Sum(c => c.PromptTokens),
                _modelCalls.Sum(c => c.CompletionTokens),
                _modelCalls.Sum(c => c.Cost),
                _modelCalls.Where(c => c.IsRetry).Sum(c => c.Cost),
                _runtime.Router.Catalog.Currency),
            ModelCalls = _modelCalls.ToArray(),
            Trail = _guard.Trail.ToArray(),
            BudgetAlerts = _alerts.ToArray(),
            GuardrailRejection = guardrail,
            PendingApproval = pending,
            OutputProblems = _outputProblems.ToArray(),
            Duration = _runtime.TimeProvider.GetElapsedTime(_startTimestamp),
            Model = _model?.Id,
        };

        var agentTag = new KeyValuePair<string, object?>(GenAIAttributes.AgentName, _agent.Name);
        ForemanMetrics.AgentRuns.Add(1, agentTag, new KeyValuePair<string, object?>("foreman.status", status.ToString()), new KeyValuePair<string, object?>(GenAIAttributes.StopReason, reason.ToString()));
        ForemanMetrics.AgentDuration.Record(result.Duration.TotalSeconds, agentTag);
        ForemanMetrics.AgentSteps.Record(result.Usage.ToolCalls, agentTag);
        ForemanMetrics.RunCost.Record((double)result.Usage.Cost, agentTag);
        if (activity is not null)
        {
            activity.SetTag(GenAIAttributes.StopReason, reason.ToString());
            activity.SetTag(GenAIAttributes.Confidence, confidence);
            activity.SetTag(GenAIAttributes.Cost, (double)result.Usage.Cost);
            activity.SetTag(GenAIAttributes.InputTokens, result.Usage.PromptTokens);
            activity.SetTag(GenAIAttributes.OutputTokens, result.Usage.CompletionTokens);
            activity.SetTag(GenAIAttributes.AgentStatus, status.ToString());
            if (_request.Journal is not null && _liveWork == 0 && (_modelCalls.Count > 0 || _guard.Trail.Count > 0))
            {
                activity.SetTag(GenAIAttributes.Replayed, true);
            }

            activity.SetTag(GenAIAttributes.RetryCount, _modelCalls.Count(c => c.IsRetry));
            activity.SetTag(GenAIAttributes.Validation, _outputProblems.Count > 0 || reason == StopReason.OutputRejected ? "invalid" : "valid");
            if (_outputProblems.Count > 0)
            {
                activity.SetTag(GenAIAttributes.ValidationProblems, _outputProblems.Count);
            }

            if (_model is not null)
            {
                activity.SetTag(GenAIAttributes.RequestModel, _model.Id);
            }

            if (_runtime.RecordSensitiveData && (result.Output?.GetRawText() ?? result.Text) is { } output)
            {
                activity.SetTag(GenAIAttributes.Output, output);
            }
            if (status != AgentStatus.Succeeded)
            {
                activity.SetStatus(status == AgentStatus.Failed ? ActivityStatusCode.Error : ActivityStatusCode.Unset, detail);
            }
        }

        AgentLog.RunFinished(_runtime.Logger, _agent.Name, _runId, status, reason, result.Usage.Cost);
        Notify(o => o.OnCompleted(result));
        return result;
    }
}
