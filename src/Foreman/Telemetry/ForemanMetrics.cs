using System.Diagnostics.Metrics;

namespace Foreman.Telemetry;

/// <summary>The <see cref="Meter"/> instruments Foreman records; names follow OpenTelemetry conventions.</summary>
internal static class ForemanMetrics
{
    public static readonly Counter<long> ToolCalls = ForemanTelemetry.Meter.CreateCounter<long>(
        "foreman.tool.calls", "{call}", "Tool calls by tool and outcome (ok or the error kind).");

    public static readonly Histogram<double> ToolDuration = ForemanTelemetry.Meter.CreateHistogram<double>(
        "foreman.tool.duration", "s", "Tool call duration, retries included.");

    public static readonly Counter<long> ModelCalls = ForemanTelemetry.Meter.CreateCounter<long>(
        "foreman.model.calls", "{call}", "Model calls by model and outcome.");

    public static readonly Counter<long> TokenUsage = ForemanTelemetry.Meter.CreateCounter<long>(
        "gen_ai.client.token.usage", "{token}", "Tokens used, by model and gen_ai.token.type (input or output).");

    public static readonly Histogram<double> ModelDuration = ForemanTelemetry.Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "Model call duration.");

    public static readonly Counter<double> Cost = ForemanTelemetry.Meter.CreateCounter<double>(
        "foreman.cost", "{currency}", "Inference cost by agent and model, in the catalog's currency.");

    public static readonly Counter<long> AgentRuns = ForemanTelemetry.Meter.CreateCounter<long>(
        "foreman.agent.runs", "{run}", "Agent runs by agent, status and stop reason.");

    public static readonly Histogram<double> AgentDuration = ForemanTelemetry.Meter.CreateHistogram<double>(
        "foreman.agent.duration", "s", "Agent run duration.");

    public static readonly Histogram<long> AgentSteps = ForemanTelemetry.Meter.CreateHistogram<long>(
        "foreman.agent.steps", "{step}", "Tool calls per agent run.");

    public static readonly Counter<long> LoopDetections = ForemanTelemetry.Meter.CreateCounter<long>(
        "foreman.loop.detections", "{detection}", "Runs interrupted by repetition detection.");

    public static readonly Counter<long> GuardrailRejections = ForemanTelemetry.Meter.CreateCounter<long>(
        "foreman.guardrail.rejections", "{rejection}", "Requests or outputs rejected by a guardrail.");

    public static readonly Counter<long> BudgetAlerts = ForemanTelemetry.Meter.CreateCounter<long>(
        "foreman.budget.alerts", "{alert}", "Budgets that crossed their alert threshold, by budget kind.");

    public static readonly Histogram<double> ContextUtilization = ForemanTelemetry.Meter.CreateHistogram<double>(
        "foreman.context.utilization", "1", "Share of the model's context window used by a call's prompt.");

    public static readonly Counter<long> ModelRetries = ForemanTelemetry.Meter.CreateCounter<long>(
        "foreman.model.retries", "{call}", "Model calls that repeated or corrected earlier work, by agent and model (retry rate per sub-agent = this / foreman.model.calls).");

    public static readonly Counter<long> Runs = ForemanTelemetry.Meter.CreateCounter<long>(
        "foreman.run.executions", "{execution}", "Workflow run executions by workflow and resulting status (success rate = completed / finished).");

    public static readonly Histogram<double> RunDuration = ForemanTelemetry.Meter.CreateHistogram<double>(
        "foreman.run.duration", "s", "Run latency from submission to completion or failure, by workflow (p50/p95/p99 from the histogram).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] });

    public static readonly Histogram<double> RunCost = ForemanTelemetry.Meter.CreateHistogram<double>(
        "foreman.run.cost", "{currency}", "Inference cost per agent invocation, by agent (cost per run).");

    public static readonly Counter<long> Escalations = ForemanTelemetry.Meter.CreateCounter<long>(
        "foreman.review.escalations", "{item}", "Review items created, by queue, decision type and autonomy level (escalation rate = this / foreman.agent.runs).");

    public static readonly Counter<long> QualitySamples = ForemanTelemetry.Meter.CreateCounter<long>(
        "foreman.quality.samples", "{sample}", "Quality samples verified, by agent, task type and verdict (correct or wrong).");

    public static readonly Counter<long> AgentsDisabled = ForemanTelemetry.Meter.CreateCounter<long>(
        "foreman.quality.agents_disabled", "{agent}", "Agents disabled by the quality monitor at the critical threshold.");

    public static readonly Counter<long> Alerts = ForemanTelemetry.Meter.CreateCounter<long>(
        "foreman.alerts", "{alert}", "Alerts fired, by rule and severity.");
}
