using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Graphs;

/// <summary>What happened to one node.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Wave">The wave it ran in (nodes of a wave run in parallel); -1 when skipped.</param>
/// <param name="Status">How it ended; <see langword="null"/> when skipped because a dependency did not succeed.</param>
/// <param name="Result">Its result, or <see langword="null"/> when skipped.</param>
public sealed record GraphNodeReport(string Node, int Wave, WorkStatus? Status, WorkResult? Result);
