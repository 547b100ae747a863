namespace Foreman.Testing;

/// <summary>Invents tool names a confused model might call: near misses of a real name, or common tools that were not offered.</summary>
internal static class ToolNameInventor
{
    private static readonly string[] CommonTools = ["web_search", "run_python", "send_email", "query_database", "get_current_time", "read_file"];

    public static string Invent(string original, IEnumerable<string> offered, Random random)
    {
        var taken = new HashSet<string>(offered, StringComparer.Ordinal) { original };
        var snake = original.Contains('_', StringComparison.Ordinal) || original.All(c => !char.IsUpper(c));
        string[] nearMisses = snake
            ? [$"{original}_v2", $"get_{original}", $"{original}_details", $"search_{original}", $"fetch_{original}"]
            : [$"{original}V2", $"Get{Capitalize(original)}", $"{original}Details", $"Search{Capitalize(original)}", $"Fetch{Capitalize(original)}"];
        var candidates = nearMisses.Concat(CommonTools).Where(c => !taken.Contains(c)).ToList();
        if (candidates.Count > 0)
        {
            return candidates[random.Next(candidates.Count)];
        }

        // Every plausible name is offered (an odd tool set): fall back to numbered variants, which always end.
        for (var i = 2; ; i++)
        {
            var name = $"{original}_{i}";
            if (!taken.Contains(name))
            {
                return name;
            }
        }
    }

    private static string Capitalize(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
