using Microsoft.Extensions.Logging;

namespace Foreman.Tools;

/// <summary>Log messages of the tool-call guard, with fixed event ids.</summary>
internal static partial class ToolGuardLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Agent {Agent} (run {RunId}) asked for unknown tool '{Tool}'")]
    public static partial void UnknownTool(ILogger logger, string agent, string runId, string tool);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Blocked: agent {Agent} (run {RunId}) may not use {Effect} tool '{Tool}'; allowed effects: {Allowed}")]
    public static partial void PermissionDenied(ILogger logger, string agent, string runId, string tool, ToolEffect effect, ToolEffect allowed);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Agent {Agent} (run {RunId}) sent invalid arguments to '{Tool}': {Reason}")]
    public static partial void InvalidArguments(ILogger logger, string agent, string runId, string tool, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Loop: agent {Agent} (run {RunId}) repeated '{Tool}' with identical arguments")]
    public static partial void RepeatedCall(ILogger logger, string agent, string runId, string tool);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Tool '{Tool}' failed for agent {Agent} (run {RunId}): {Kind}")]
    public static partial void ToolFailed(ILogger logger, string agent, string runId, string tool, ToolErrorKind kind);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Tool '{Tool}' returned a result that failed its schema (run {RunId})")]
    public static partial void InvalidResult(ILogger logger, string runId, string tool);
}
