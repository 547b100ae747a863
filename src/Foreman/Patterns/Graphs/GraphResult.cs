using System.Text.Json;
using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Graphs;

/// <summary>The result of a graph: every node's report and the outputs of those that succeeded.</summary>
/// <param name="Nodes">A report per node, in declaration order.</param>
public sealed record GraphResult(IReadOnlyList<GraphNodeReport> Nodes)
{
    /// <summary>Gets a value indicating whether every node succeeded.</summary>
    public bool Succeeded => Nodes.All(n => n.Status == WorkStatus.Success);

    /// <summary>Gets the outputs of the nodes that succeeded, by name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Outputs =>
        Nodes.Where(n => n.Status == WorkStatus.Success && n.Result?.Output is not null).ToDictionary(n => n.Node, n => n.Result!.Output!.Value, StringComparer.Ordinal);

    /// <summary>Gets the result of a node, or <see langword="null"/> when it was skipped.</summary>
    /// <param name="node">The node's name.</param>
    /// <returns>The result.</returns>
    public WorkResult? this[string node] => Nodes.FirstOrDefault(n => n.Node == node)?.Result;

    /// <summary>Gets the inference cost of every node.</summary>
    public decimal Cost => Nodes.Sum(n => n.Result?.Cost ?? 0);
}
