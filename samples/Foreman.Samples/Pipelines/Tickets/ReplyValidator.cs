using System.Text.RegularExpressions;

namespace Foreman.Samples.Pipelines.Tickets;

/// <summary>
/// The tone-and-accuracy check every generated reply passes before it is sent. Tone: a greeting, no blaming or
/// dismissive phrases, no shouting, a sensible length. Accuracy: every number in the reply (dates, ids, amounts,
/// durations) must occur in the facts the reply is based on (the order record, the policy decision, the article),
/// so an invented figure is caught.
/// </summary>
public static partial class ReplyValidator
{
    private static readonly string[] Dismissive =
    [
        "calm down", "your fault", "as i already said", "obviously", "we cannot help you", "not our problem", "you should have", "read the manual",
    ];

    /// <summary>Checks a reply.</summary>
    /// <param name="reply">The reply.</param>
    /// <param name="facts">The facts it may state, as text.</param>
    /// <returns>The problems; empty when the reply may be sent.</returns>
    public static IReadOnlyList<string> Validate(string? reply, string facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (string.IsNullOrWhiteSpace(reply))
        {
            return ["the reply is empty"];
        }

        var problems = new List<string>();
        if (!Greeting().IsMatch(reply))
        {
            problems.Add("tone: the reply does not open with a greeting");
        }

        problems.AddRange(Dismissive.Where(p => reply.Contains(p, StringComparison.OrdinalIgnoreCase)).Select(p => $"tone: dismissive phrase \"{p}\""));
        if (Shouting().Match(reply) is { Success: true } shout)
        {
            problems.Add($"tone: shouting (\"{shout.Value}\")");
        }

        if (reply.Length is < 40 or > 1_200)
        {
            problems.Add($"tone: {reply.Length} characters (40 to 1,200 expected)");
        }

        // Figures compare as whole tokens: "5" is not backed by "4.95".
        var known = Numbers().Matches(facts).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(Numbers().Matches(reply).Select(m => m.Value).Distinct(StringComparer.Ordinal)
            .Where(n => !known.Contains(n))
            .Select(n => $"accuracy: \"{n}\" is not in the facts the reply is based on"));
        return problems;
    }

    [GeneratedRegex(@"^\s*(?:Hello|Hi|Dear|Good (?:morning|afternoon|evening))\b", RegexOptions.IgnoreCase, 200)]
    private static partial Regex Greeting();

    [GeneratedRegex(@"\b(?!EUR\b|USD\b|GBP\b|DHL\b|UPS\b|DPD\b|GLS\b|PDF\b)[A-Z]{4,}\b", RegexOptions.None, 200)]
    private static partial Regex Shouting();

    [GeneratedRegex(@"[0-9]+(?:[.,:-][0-9]+)*", RegexOptions.None, 200)]
    private static partial Regex Numbers();
}
