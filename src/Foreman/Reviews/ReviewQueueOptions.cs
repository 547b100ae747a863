namespace Foreman.Reviews;

/// <summary>A review queue: who waits how long, what happens then, and what a human's look costs.</summary>
public sealed class ReviewQueueOptions
{
    /// <summary>Gets or sets the queue name, for example <c>finance</c>.</summary>
    public required string Name { get; set; }

    /// <summary>Gets or sets how long an item may wait for a decision. The default value is 24 hours.</summary>
    public TimeSpan Sla { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets what happens when the SLA passes. The default value is <see cref="ReviewTimeoutAction.Reject"/>.</summary>
    public ReviewTimeoutAction OnTimeout { get; set; } = ReviewTimeoutAction.Reject;

    /// <summary>Gets or sets the queue an expired item escalates to, when <see cref="OnTimeout"/> is <see cref="ReviewTimeoutAction.Escalate"/>.</summary>
    public string? EscalateTo { get; set; }

    /// <summary>Gets or sets what one escalation to this queue costs in human time. The default value is 0.</summary>
    public decimal HumanCostPerEscalation { get; set; }

    /// <summary>Gets or sets the currency of <see cref="HumanCostPerEscalation"/>. The default value is <c>EUR</c>.</summary>
    public string Currency { get; set; } = "EUR";
}
