namespace Foreman.Tracing;

/// <summary>What a recorder writes at once: finished spans and the summary increments they imply.</summary>
/// <param name="Spans">The spans.</param>
/// <param name="Runs">One summary increment per run touched (merged into the stored summary; see <see cref="TraceRunSummary"/>).</param>
public sealed record TraceBatch(IReadOnlyList<TraceSpan> Spans, IReadOnlyList<TraceRunSummary> Runs);
