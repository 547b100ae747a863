using Microsoft.Extensions.Logging;

namespace Foreman.Tracing;

/// <summary>Log messages of the tracing, quality and alerting services.</summary>
internal static partial class TracingLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "The trace store failed to write {Spans} span(s); they are lost, the runs are not affected.")]
    public static partial void WriteFailed(ILogger logger, int spans, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "The trace recorder is full; dropped a span of run {RunId}.")]
    public static partial void Dropped(ILogger logger, string runId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Alert sink {Sink} failed to deliver alert {AlertId} after {Attempts} attempt(s).")]
    public static partial void SinkFailed(ILogger logger, string sink, string alertId, int attempts, Exception? exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Agent {Agent} was disabled by the quality monitor: {Reason}")]
    public static partial void AgentDisabled(ILogger logger, string agent, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Alert rule {Rule} failed to evaluate.")]
    public static partial void RuleFailed(ILogger logger, string rule, Exception exception);
}
