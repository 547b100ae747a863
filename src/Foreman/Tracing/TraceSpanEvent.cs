namespace Foreman.Tracing;

/// <summary>An event on a span: a routing decision, a guardrail rejection, a budget alert.</summary>
/// <param name="Name">The event name.</param>
/// <param name="At">When it happened, on the recorder's clock.</param>
/// <param name="Attributes">Its attributes.</param>
public sealed record TraceSpanEvent(string Name, DateTimeOffset At, IReadOnlyDictionary<string, string> Attributes);
