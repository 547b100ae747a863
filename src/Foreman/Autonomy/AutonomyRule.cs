namespace Foreman.Autonomy;

/// <summary>
/// A floor on supervision: when every condition that is set matches, the decision gets at least
/// <see cref="Level"/>. Unset conditions match anything.
/// </summary>
public sealed record AutonomyRule
{
    /// <summary>Gets the decision type the rule applies to; <c>*</c> matches every type.</summary>
    public required string DecisionType { get; init; }

    /// <summary>Gets the level the rule imposes (at least).</summary>
    public required AutonomyLevel Level { get; init; }

    /// <summary>Gets the agent the rule is limited to, or <see langword="null"/> for any agent.</summary>
    public string? Agent { get; init; }

    /// <summary>Gets the amount the decision must exceed (strictly) for the rule to apply, or <see langword="null"/>.</summary>
    public decimal? AmountAbove { get; init; }

    /// <summary>
    /// Gets the confidence below which the rule applies, or <see langword="null"/>. A decision without a confidence
    /// counts as below it: an agent that cannot say how sure it is gets the supervision of an unsure one.
    /// </summary>
    public double? ConfidenceBelow { get; init; }

    /// <summary>Whether the rule applies to <paramref name="request"/>.</summary>
    /// <param name="request">The decision.</param>
    /// <returns><see langword="true"/> when every set condition matches.</returns>
    public bool Matches(AutonomyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (DecisionType != "*" && !string.Equals(DecisionType, request.DecisionType, StringComparison.Ordinal))
        {
            return false;
        }

        if (Agent is not null && !string.Equals(Agent, request.Agent, StringComparison.Ordinal))
        {
            return false;
        }

        // A rule about large amounts says nothing about a decision that has no amount.
        if (AmountAbove is { } threshold && (request.Amount is not { } amount || amount <= threshold))
        {
            return false;
        }

        return ConfidenceBelow is not { } minimum || request.Confidence is not { } confidence || confidence < minimum;
    }
}
