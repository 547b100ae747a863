using System.Diagnostics;
using Foreman.Telemetry;

namespace Foreman.Tools;

/// <summary>Spans and metrics of guarded tool calls.</summary>
internal sealed partial class ToolCallGuard
{
    private Activity? StartActivity(CallInProgress call)
    {
        var activity = ForemanTelemetry.Source.StartActivity($"execute_tool {call.ToolName}", ActivityKind.Internal);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag(GenAIAttributes.OperationName, "execute_tool");
        activity.SetTag(GenAIAttributes.ToolName, call.ToolName);
        activity.SetTag(GenAIAttributes.ToolCallId, call.CallId);
        activity.SetTag(GenAIAttributes.AgentName, _settings.AgentName);
        activity.SetTag(GenAIAttributes.RunId, _settings.RunId);
        if (_settings.RecordSensitiveData)
        {
            activity.SetTag(GenAIAttributes.ToolCallArguments, call.Arguments.Raw ?? call.Arguments.Value.ToString());
        }

        return activity;
    }

    private void Complete(Activity? activity, ToolCallRecord record, CallInProgress call)
    {
        var outcome = record.Error is null ? "ok" : ToSnakeCase(record.Error.Kind);
        var toolTag = new KeyValuePair<string, object?>(GenAIAttributes.ToolName, call.ToolName);
        ForemanMetrics.ToolCalls.Add(1, toolTag, new KeyValuePair<string, object?>(GenAIAttributes.ToolOutcome, outcome));
        ForemanMetrics.ToolDuration.Record(record.Duration.TotalSeconds, toolTag);
        if (activity is null)
        {
            return;
        }

        activity.SetTag(GenAIAttributes.ToolOutcome, outcome);
        activity.SetTag(GenAIAttributes.Attempts, record.Attempts);
        activity.SetTag(GenAIAttributes.Validation, record.Error?.Kind is ToolErrorKind.InvalidArguments or ToolErrorKind.InvalidResult ? "invalid" : "valid");
        if (_settings.RecordSensitiveData)
        {
            activity.SetTag(GenAIAttributes.ToolCallResult, record.ModelText);
        }

        if (record.Error is not null)
        {
            activity.SetTag(GenAIAttributes.ErrorType, outcome);
            activity.SetStatus(ActivityStatusCode.Error, record.Error.Message);
        }
    }

    private static string ToSnakeCase(ToolErrorKind kind) => kind switch
    {
        ToolErrorKind.UnknownTool => "unknown_tool",
        ToolErrorKind.InvalidArguments => "invalid_arguments",
        ToolErrorKind.PermissionDenied => "permission_denied",
        ToolErrorKind.ApprovalRequired => "approval_required",
        ToolErrorKind.RepeatedCall => "repeated_call",
        ToolErrorKind.RateLimited => "rate_limited",
        ToolErrorKind.CircuitOpen => "circuit_open",
        ToolErrorKind.Timeout => "timeout",
        ToolErrorKind.Failed => "failed",
        ToolErrorKind.InvalidResult => "invalid_result",
        ToolErrorKind.BudgetExceeded => "budget_exceeded",
        _ => "error",
    };
}
