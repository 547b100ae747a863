namespace Foreman.Costs;

/// <summary>Cost in four dimensions.</summary>
/// <param name="Inference">Model calls that were not retries.</param>
/// <param name="Retries">Model calls that repeated or corrected earlier work (the share spent on retried calls).</param>
/// <param name="HumanReview">Escalations × their queue's cost per escalation (quality-sample reviews included).</param>
/// <param name="UndetectedErrors">Estimated: sampled error rate × unverified outputs × cost per error.</param>
public sealed record CostBreakdown(decimal Inference, decimal Retries, decimal HumanReview, decimal UndetectedErrors)
{
    /// <summary>Gets a breakdown of zeros.</summary>
    public static CostBreakdown Zero { get; } = new(0, 0, 0, 0);

    /// <summary>Gets the sum of the four dimensions.</summary>
    public decimal Total => Inference + Retries + HumanReview + UndetectedErrors;

    /// <summary>Gets the share of model spend that went to retries.</summary>
    public double RetryShare => Inference + Retries == 0 ? 0 : (double)(Retries / (Inference + Retries));

    /// <summary>Adds two breakdowns.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>The sum.</returns>
    public static CostBreakdown operator +(CostBreakdown left, CostBreakdown right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.Inference + right.Inference, left.Retries + right.Retries, left.HumanReview + right.HumanReview, left.UndetectedErrors + right.UndetectedErrors);
    }

    /// <summary>Adds two breakdowns.</summary>
    /// <param name="other">The other.</param>
    /// <returns>The sum.</returns>
    public CostBreakdown Add(CostBreakdown other) => this + other;
}
