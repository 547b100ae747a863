namespace Foreman.Tracing;

/// <summary>One agent's activity in a window, from its spans: the inputs of rate alerts.</summary>
/// <param name="Agent">The agent.</param>
/// <param name="Invocations">Agent invocations.</param>
/// <param name="Failures">Invocations that failed.</param>
/// <param name="LoopDetections">Invocations stopped by loop detection.</param>
/// <param name="GuardrailRejections">Invocations refused by an input guardrail.</param>
/// <param name="ModelCalls">Model calls.</param>
/// <param name="RetriedModelCalls">Model calls that were retries or repairs.</param>
/// <param name="Cost">Inference cost of the invocations.</param>
public sealed record AgentTraceStats(string Agent, int Invocations, int Failures, int LoopDetections, int GuardrailRejections, int ModelCalls, int RetriedModelCalls, decimal Cost)
{
    /// <summary>Gets loop detections per invocation.</summary>
    public double LoopRate => Invocations == 0 ? 0 : (double)LoopDetections / Invocations;

    /// <summary>Gets retried model calls per model call.</summary>
    public double RetryRate => ModelCalls == 0 ? 0 : (double)RetriedModelCalls / ModelCalls;

    /// <summary>Gets the mean cost per invocation.</summary>
    public decimal CostPerInvocation => Invocations == 0 ? 0 : Cost / Invocations;
}
