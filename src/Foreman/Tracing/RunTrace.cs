namespace Foreman.Tracing;

/// <summary>A run's whole trace: its summary and its spans as a tree (run → agents → model and tool calls).</summary>
/// <param name="Summary">The summary.</param>
/// <param name="Roots">The spans without a parent in this run, oldest first, each with its descendants.</param>
public sealed record RunTrace(TraceRunSummary Summary, IReadOnlyList<TraceNode> Roots);
