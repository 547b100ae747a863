namespace Foreman.Tracing;

/// <summary>
/// One finished span of a run's trace, as stored: what happened (name, GenAI operation), when, how it ended, and
/// its attributes (formatted with the invariant culture). Immutable.
/// </summary>
public sealed record TraceSpan
{
    /// <summary>Gets the root run the span belongs to (the workflow run, or the agent run outside a workflow).</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the W3C trace id.</summary>
    public required string TraceId { get; init; }

    /// <summary>Gets the span id.</summary>
    public required string SpanId { get; init; }

    /// <summary>Gets the parent span id, or <see langword="null"/> for a root.</summary>
    public string? ParentSpanId { get; init; }

    /// <summary>Gets the span name, for example <c>chat gpt-4o-mini</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets <c>gen_ai.operation.name</c> (<c>invoke_workflow</c>, <c>invoke_agent</c>, <c>chat</c>, <c>execute_tool</c>, …), or <see langword="null"/>.</summary>
    public string? Operation { get; init; }

    /// <summary>Gets when the span started, on the recorder's clock.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets the order in which the recorder saw spans start: breaks ties between equal start times (a coarse or fake clock).</summary>
    public long Sequence { get; init; }

    /// <summary>Gets how long the span lasted.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Gets the status: <c>ok</c>, <c>error</c> or <c>unset</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets the status description, usually the error message.</summary>
    public string? StatusDescription { get; init; }

    /// <summary>Gets the attributes by name.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the span's events (routing decisions, guardrail rejections, …), in order.</summary>
    public IReadOnlyList<TraceSpanEvent> Events { get; init; } = [];

    /// <summary>Reads an attribute.</summary>
    /// <param name="name">The attribute name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;
}
