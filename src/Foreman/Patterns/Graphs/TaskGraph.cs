using System.Text.Json;
using Foreman.Patterns.Workers;
using Foreman.Telemetry;
using Foreman.Workflows;

namespace Foreman.Patterns.Graphs;

/// <summary>
/// Parallel fan-out and fan-in over a declared dependency graph. Nodes run in waves: a node starts once every
/// node it declared has succeeded, nodes of one wave run in parallel (each in its own journal branch), and a
/// node reads only the outputs it declared (<see cref="GraphInputs"/>). A node whose dependency did not succeed
/// is skipped, not run on partial data. The graph is checked when it is built: unknown dependencies and cycles
/// are rejected. Thread-safe.
/// </summary>
public sealed class TaskGraph
{
    private static readonly JsonElement NullOutput = JsonSerializer.SerializeToElement<object?>(null);
    private readonly GraphNode[] _nodes;
    private readonly List<List<GraphNode>> _waves;

    /// <summary>Creates and checks the graph.</summary>
    /// <param name="name">The graph's name.</param>
    /// <param name="nodes">The nodes.</param>
    /// <exception cref="ArgumentException">Duplicate names, unknown dependencies or a cycle.</exception>
    public TaskGraph(string name, IEnumerable<GraphNode> nodes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _nodes = nodes?.ToArray() ?? throw new ArgumentNullException(nameof(nodes));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            if (!names.Add(node.Name))
            {
                throw new ArgumentException($"Graph '{name}' has two nodes named '{node.Name}'.", nameof(nodes));
            }
        }

        foreach (var node in _nodes)
        {
            if (node.DependsOn.FirstOrDefault(d => !names.Contains(d)) is { } unknown)
            {
                throw new ArgumentException($"Graph node '{node.Name}' depends on '{unknown}', which is not a node of graph '{name}'.", nameof(nodes));
            }
        }

        _waves = Layer(_nodes) ?? throw new ArgumentException($"Graph '{name}' has a cycle; a dependency graph must be acyclic.", nameof(nodes));
    }

    /// <summary>Gets the graph's name.</summary>
    public string Name { get; }

    /// <summary>Gets the nodes of each wave, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Waves => [.. _waves.Select(w => (IReadOnlyList<string>)[.. w.Select(n => n.Name)])];

    /// <summary>Runs the graph.</summary>
    /// <param name="context">The durable context.</param>
    /// <param name="input">The graph's input, visible to every node.</param>
    /// <returns>Every node's report.</returns>
    public async Task<GraphResult> RunAsync(WorkflowContext context, JsonElement input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = new Dictionary<string, WorkResult>(StringComparer.Ordinal);
        var waveOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var wave = 0; wave < _waves.Count; wave++)
        {
            var runnable = _waves[wave].Where(n => n.DependsOn.All(d => results.TryGetValue(d, out var r) && r.Status == WorkStatus.Success)).ToList();
            var waveIndex = wave;
            var outcomes = await context.ParallelAsync(runnable.Select(node => (Func<WorkflowContext, Task<WorkResult>>)(branch => RunNodeAsync(branch, node, input, results, waveIndex))));
            for (var i = 0; i < runnable.Count; i++)
            {
                results[runnable[i].Name] = outcomes[i];
                waveOf[runnable[i].Name] = wave;
            }
        }

        return new GraphResult([.. _nodes.Select(n => results.TryGetValue(n.Name, out var r) ? new GraphNodeReport(n.Name, waveOf[n.Name], r.Status, r) : new GraphNodeReport(n.Name, -1, null, null))]);
    }

    private static async Task<WorkResult> RunNodeAsync(WorkflowContext context, GraphNode node, JsonElement input, Dictionary<string, WorkResult> finished, int wave)
    {
        using var activity = PatternSpans.Start($"foreman.graph_node {node.Name}", "graph_node");
        activity?.SetTag(PatternAttributes.GraphNode, node.Name);
        activity?.SetTag(PatternAttributes.GraphWave, wave);
        var declared = node.DependsOn.ToDictionary(d => d, d => finished[d].Output ?? NullOutput, StringComparer.Ordinal);
        var result = await node.Execute(context, new GraphInputs(node.Name, input, declared));
        activity?.SetTag(PatternAttributes.Status, WorkDispatcher.StatusName(result.Status));
        return result;
    }

    // Kahn's algorithm by levels; null when a cycle leaves nodes unplaced. Declaration order within a wave keeps
    // journal positions stable across replays.
    private static List<List<GraphNode>>? Layer(GraphNode[] nodes)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var waves = new List<List<GraphNode>>();
        while (placed.Count < nodes.Length)
        {
            var wave = nodes.Where(n => !placed.Contains(n.Name) && n.DependsOn.All(placed.Contains)).ToList();
            if (wave.Count == 0)
            {
                return null;
            }

            waves.Add(wave);
            placed.UnionWith(wave.Select(n => n.Name));
        }

        return waves;
    }
}
