namespace Foreman.Reviews;

/// <summary>
/// What a reviewer needs to decide quickly: the goal, the decision, the options and their impact, the evidence
/// and the agent's confidence. Deliberately not the agent's raw context.
/// </summary>
public sealed record EscalationPacket
{
    /// <summary>Gets what the agent was trying to do.</summary>
    public required string Goal { get; init; }

    /// <summary>Gets the decision the reviewer must make, as a question.</summary>
    public required string DecisionNeeded { get; init; }

    /// <summary>Gets the options with their expected impact.</summary>
    public IReadOnlyList<ReviewOption> Options { get; init; } = [];

    /// <summary>Gets the evidence the agent used.</summary>
    public IReadOnlyList<ReviewEvidence> Evidence { get; init; } = [];

    /// <summary>Gets the agent's confidence from 0 to 1, or <see langword="null"/>.</summary>
    public double? Confidence { get; init; }

    /// <summary>Gets the money at stake, or <see langword="null"/>.</summary>
    public decimal? Amount { get; init; }

    /// <summary>Gets the currency of <see cref="Amount"/>, or <see langword="null"/>.</summary>
    public string? Currency { get; init; }

    /// <summary>Gets the urgency. The default value is <see cref="ReviewUrgency.Normal"/>.</summary>
    public ReviewUrgency Urgency { get; init; } = ReviewUrgency.Normal;

    /// <summary>Gets the agent's analysis or recommendation, in a few sentences, or <see langword="null"/>.</summary>
    public string? Analysis { get; init; }
}
