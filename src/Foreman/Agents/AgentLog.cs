using Foreman.Budgets;
using Foreman.Models;
using Microsoft.Extensions.Logging;

namespace Foreman.Agents;

/// <summary>Log messages of agent runs, with fixed event ids.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Agent {Agent} run {RunId} finished: {Status} ({Reason}), cost {Cost}")]
    public static partial void RunFinished(ILogger logger, string agent, string runId, AgentStatus status, StopReason reason, decimal cost);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Agent {Agent} run {RunId}: {Kind} budget at {Used} of {Limit}; fallback {Fallback}")]
    public static partial void BudgetAlert(ILogger logger, string agent, string runId, BudgetKind kind, double used, double limit, BudgetFallback fallback);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Agent {Agent} run {RunId}: model {Model} failed ({Kind}); switching to {Fallback}")]
    public static partial void FallbackModel(ILogger logger, string agent, string runId, string model, string fallback, ModelFailureKind kind);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Observer {Observer} threw; the run continues")]
    public static partial void ObserverFailed(ILogger logger, string observer, Exception exception);
}
