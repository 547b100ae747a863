using System.Globalization;
using System.Text.Json;
using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Consensus;

/// <summary>
/// Median, for numbers: the median of the instances' values is the result, and a value further than
/// <see cref="Tolerance"/> (relative) from it is flagged as an outlier. Escalates when fewer than
/// <see cref="MinimumValues"/> instances produced a number, or when the values within tolerance are not more than
/// half of all instances. Thread-safe.
/// </summary>
/// <param name="pointer">Where the number is in each output; empty for the whole output.</param>
public sealed class MedianAggregate(string pointer = "") : IConsensusAggregator
{
    /// <summary>Gets the relative distance from the median beyond which a value is an outlier. The default value is 0.01 (1%).</summary>
    public double Tolerance { get; init; } = 0.01;

    /// <summary>Gets the fewest numbers needed. The default value is 2.</summary>
    public int MinimumValues { get; init; } = 2;

    /// <inheritdoc />
    public string Strategy => "median";

    /// <inheritdoc />
    public ConsensusResult Aggregate(WorkTask task, IReadOnlyList<WorkResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var values = results.Select(r => MajorityVote.Read(r, pointer) is { ValueKind: JsonValueKind.Number } v ? v : (JsonElement?)null).ToList();
        var numbers = values.Where(v => v is not null).Select(v => v!.Value.GetDecimal()).Order().ToList();
        var flags = MajorityVote.Failures(results);
        if (numbers.Count < MinimumValues)
        {
            var few = MajorityVote.Votes(results, values, null);
            return new ConsensusResult { Outcome = ConsensusOutcome.Escalate, Strategy = Strategy, Votes = few, Flags = flags, Reason = $"Only {numbers.Count} of {results.Count} instances produced a number." };
        }

        var median = numbers.Count % 2 == 1 ? numbers[numbers.Count / 2] : (numbers[(numbers.Count / 2) - 1] + numbers[numbers.Count / 2]) / 2;
        var medianElement = JsonSerializer.SerializeToElement(median);
        var votes = results.Select((r, i) =>
        {
            var within = values[i] is { } v && Within(v.GetDecimal(), median);
            return new ConsensusVote(r.Worker, r.Status, values[i], r.Cost, r.Confidence, within);
        }).ToList();
        flags.AddRange(votes.Where(v => v.Value is not null && !v.Agrees).Select(v => string.Create(CultureInfo.InvariantCulture, $"outlier from {v.Instance}: {v.Value!.Value.GetRawText()} (median {median})")));
        var agreement = (double)votes.Count(v => v.Agrees) / results.Count;
        var agreed = agreement > 0.5;
        return new ConsensusResult
        {
            Outcome = agreed ? ConsensusOutcome.Agreed : ConsensusOutcome.Escalate,
            Strategy = Strategy,
            Value = medianElement,
            Agreement = agreement,
            Confidence = MajorityVote.Confidence(agreement, votes),
            Votes = votes,
            Flags = flags,
            Reason = agreed ? null : $"Only {votes.Count(v => v.Agrees)} of {results.Count} values lie within {Tolerance:P0} of the median.",
        };
    }

    private bool Within(decimal value, decimal median) =>
        median == 0 ? value == 0 : Math.Abs((double)((value - median) / median)) <= Tolerance;
}
