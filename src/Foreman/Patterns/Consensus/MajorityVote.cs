using System.Text.Json;
using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Consensus;

/// <summary>
/// Majority vote, for classifications and exact values: the value more than half of all instances gave wins
/// (failed instances count as votes for nothing). A tie or no majority escalates. Values compare as JSON values
/// (<c>575</c> equals <c>575.00</c>). Thread-safe.
/// </summary>
/// <param name="pointer">Where the voted value is in each output (RFC 6901); empty for the whole output.</param>
public sealed class MajorityVote(string pointer = "") : IConsensusAggregator
{
    /// <summary>Gets the share of all instances the winner needs, exclusive. The default value is 0.5 (a strict majority).</summary>
    public double Threshold { get; init; } = 0.5;

    /// <inheritdoc />
    public string Strategy => "majority";

    /// <inheritdoc />
    public ConsensusResult Aggregate(WorkTask task, IReadOnlyList<WorkResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var values = results.Select(r => Read(r, pointer)).ToList();
        var groups = values
            .Select((v, i) => (Value: v, Index: i))
            .Where(x => x.Value is not null)
            .GroupBy(x => JsonValues.CanonicalKey(x.Value!.Value), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(x => x.Index))
            .ToList();
        var flags = Failures(results);
        if (groups.Count == 0)
        {
            return Escalate(results, values, null, null, flags, "No instance produced a value.");
        }

        var top = groups[0];
        var share = (double)top.Count() / results.Count;
        var winner = top.First().Value!.Value;
        if (groups.Count > 1 && groups[1].Count() == top.Count())
        {
            return Escalate(results, values, winner, top.Key, flags, $"Tie: {top.Count()} vs {groups[1].Count()} of {results.Count} instances.");
        }

        if (share <= Threshold)
        {
            return Escalate(results, values, winner, top.Key, flags, $"No majority: the most common value has {top.Count()} of {results.Count} votes.");
        }

        flags.AddRange(groups.Skip(1).SelectMany(g => g).Select(x => $"{results[x.Index].Worker} disagrees: {x.Value!.Value.GetRawText()}"));
        var votes = Votes(results, values, top.Key);
        return new ConsensusResult
        {
            Outcome = ConsensusOutcome.Agreed,
            Strategy = Strategy,
            Value = winner,
            Agreement = share,
            Confidence = Confidence(share, votes),
            Votes = votes,
            Flags = flags,
        };
    }

    internal static JsonElement? Read(WorkResult result, string pointer) =>
        result.Status == WorkStatus.Success && result.Output is { } output && PatternJson.TryRead(output, pointer, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.Clone()
            : null;

    internal static List<string> Failures(IReadOnlyList<WorkResult> results) =>
        [.. results.Where(r => r.Status != WorkStatus.Success).Select(r => $"{r.Worker} {WorkDispatcher.StatusName(r.Status)}: {r.Error}")];

    internal static List<ConsensusVote> Votes(IReadOnlyList<WorkResult> results, IReadOnlyList<JsonElement?> values, string? winnerKey) =>
        [.. results.Select((r, i) => new ConsensusVote(r.Worker, r.Status, values[i], r.Cost, r.Confidence, winnerKey is not null && values[i] is { } v && JsonValues.CanonicalKey(v) == winnerKey))];

    internal static double Confidence(double agreement, IReadOnlyList<ConsensusVote> votes)
    {
        var agreeing = votes.Where(v => v.Agrees).ToList();
        return agreeing.Count == 0 ? 0 : agreement * agreeing.Average(v => v.Confidence);
    }

    private ConsensusResult Escalate(IReadOnlyList<WorkResult> results, List<JsonElement?> values, JsonElement? best, string? bestKey, List<string> flags, string reason)
    {
        var votes = Votes(results, values, bestKey);
        var agreement = results.Count == 0 ? 0 : (double)votes.Count(v => v.Agrees) / results.Count;
        return new ConsensusResult
        {
            Outcome = ConsensusOutcome.Escalate,
            Strategy = Strategy,
            Value = best,
            Agreement = agreement,
            Confidence = Confidence(agreement, votes),
            Votes = votes,
            Flags = flags,
            Reason = reason,
        };
    }
}
