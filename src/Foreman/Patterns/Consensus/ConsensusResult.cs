using System.Text.Json;

namespace Foreman.Patterns.Consensus;

/// <summary>The aggregate of N instances: the value, how strongly they agreed, what was flagged and what it cost.</summary>
public sealed record ConsensusResult
{
    /// <summary>Gets whether a value was agreed.</summary>
    public required ConsensusOutcome Outcome { get; init; }

    /// <summary>Gets the strategy: majority, median or union.</summary>
    public required string Strategy { get; init; }

    /// <summary>Gets the agreed value; when escalating, the best candidate (or <see langword="null"/>).</summary>
    public JsonElement? Value { get; init; }

    /// <summary>Gets the share of all instances whose value agrees with <see cref="Value"/>, 0 to 1.</summary>
    public double Agreement { get; init; }

    /// <summary>Gets the confidence: agreement times the mean confidence of the agreeing instances.</summary>
    public double Confidence { get; init; }

    /// <summary>Gets each instance's vote, in instance order.</summary>
    public required IReadOnlyList<ConsensusVote> Votes { get; init; }

    /// <summary>Gets what was flagged: outliers, discrepancies, failed instances.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>Gets why the consensus escalates, or <see langword="null"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the total inference cost: the sum over instances.</summary>
    public decimal Cost => Votes.Sum(v => v.Cost);
}
