namespace Foreman.Tracing;

/// <summary>A span in a trace tree, with its children oldest first.</summary>
/// <param name="Span">The span.</param>
/// <param name="Children">The spans it contains.</param>
public sealed record TraceNode(TraceSpan Span, IReadOnlyList<TraceNode> Children);
