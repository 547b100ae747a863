using System.Text.Json;

namespace Foreman.Patterns.Graphs;

/// <summary>
/// What a graph node may read: the graph's input and the outputs of the nodes it declared, nothing else. Reading
/// any other node throws, so a node cannot depend on another without saying so and a hidden sequential
/// dependency cannot creep in.
/// </summary>
public sealed class GraphInputs
{
    private readonly string _node;
    private readonly IReadOnlyDictionary<string, JsonElement> _declared;

    internal GraphInputs(string node, JsonElement input, IReadOnlyDictionary<string, JsonElement> declared)
    {
        _node = node;
        Input = input;
        _declared = declared;
    }

    /// <summary>Gets the graph's input.</summary>
    public JsonElement Input { get; }

    /// <summary>Gets the names of the outputs this node may read.</summary>
    public IEnumerable<string> Declared => _declared.Keys;

    /// <summary>Gets the output of a declared dependency.</summary>
    /// <param name="node">The dependency's name.</param>
    /// <returns>Its output.</returns>
    /// <exception cref="UndeclaredDependencyException"><paramref name="node"/> is not a declared dependency.</exception>
    public JsonElement Get(string node) =>
        _declared.TryGetValue(node, out var value)
            ? value
            : throw new UndeclaredDependencyException($"Graph node '{_node}' read the output of '{node}', which it did not declare. Add it to the node's dependencies.");
}
