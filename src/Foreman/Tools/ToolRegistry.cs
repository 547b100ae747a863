using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Foreman.Tools;

/// <summary>An immutable set of tools with unique names. Thread-safe.</summary>
public sealed class ToolRegistry
{
    private readonly FrozenDictionary<string, ForemanTool> _byName;

    /// <summary>Creates a registry.</summary>
    /// <param name="tools">The tools; names must be unique.</param>
    public ToolRegistry(IEnumerable<ForemanTool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        Tools = tools.ToArray();
        var duplicate = Tools.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two tools are named '{duplicate.Key}'.", nameof(tools));
        }

        _byName = Tools.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        Names = Tools.Select(t => t.Name).ToArray();
    }

    /// <summary>Gets the tools in the order given.</summary>
    public IReadOnlyList<ForemanTool> Tools { get; }

    /// <summary>Gets the tool names in the order given.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Gets the number of tools.</summary>
    public int Count => Tools.Count;

    /// <summary>Looks a tool up by its exact name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="tool">The tool, when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGet(string name, [NotNullWhen(true)] out ForemanTool? tool) => _byName.TryGetValue(name, out tool);

    /// <summary>Suggests the registered name closest to a name that does not exist, to help the model correct itself.</summary>
    /// <param name="name">The unknown name.</param>
    /// <returns>The closest name within a small edit distance, or <see langword="null"/>.</returns>
    public string? Suggest(string name)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in Names)
        {
            var distance = EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        if (a.Length > 128 || b.Length > 128)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
