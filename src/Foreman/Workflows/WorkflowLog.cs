using Microsoft.Extensions.Logging;

namespace Foreman.Workflows;

/// <summary>Log messages of the workflow engine, with fixed event ids.</summary>
internal static partial class WorkflowLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Renewing the lease of run {RunId} failed")]
    public static partial void RenewFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Worker {WorkerId}: claiming runs failed; retrying")]
    public static partial void ClaimFailed(ILogger logger, string workerId, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Worker {WorkerId}: executing run {RunId} failed unexpectedly")]
    public static partial void ExecutionFailed(ILogger logger, string workerId, string runId, Exception exception);
}
