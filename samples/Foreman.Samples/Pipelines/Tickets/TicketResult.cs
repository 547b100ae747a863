namespace Foreman.Samples.Pipelines.Tickets;

/// <summary>What <c>ticket-triage-pipeline</c> did with one ticket.</summary>
public sealed record TicketResult
{
    /// <summary>Gets the ticket's id.</summary>
    public required string TicketId { get; init; }

    /// <summary>Gets answered (a validated reply was sent) or escalated (handed to a person with a draft).</summary>
    public required string Status { get; init; }

    /// <summary>Gets the route the classifier chose.</summary>
    public string? Route { get; init; }

    /// <summary>Gets the reply sent, or the draft handed over.</summary>
    public string? Reply { get; init; }

    /// <summary>Gets the order status the lookup returned.</summary>
    public string? OrderStatus { get; init; }

    /// <summary>Gets the return policy's decision.</summary>
    public bool? ReturnEligible { get; init; }

    /// <summary>Gets the rule that decided the return.</summary>
    public string? ReturnRule { get; init; }

    /// <summary>Gets the knowledge-base article the answer is based on.</summary>
    public string? ArticleId { get; init; }

    /// <summary>Gets what the tone-and-accuracy validator found.</summary>
    public IReadOnlyList<string> ValidatorProblems { get; init; } = [];

    /// <summary>Gets why a person is needed.</summary>
    public string? EscalationReason { get; init; }

    /// <summary>Gets the review item the ticket was handed over as.</summary>
    public string? ReviewItemId { get; init; }

    /// <summary>Gets the inference cost.</summary>
    public decimal Cost { get; init; }

    /// <summary>Gets the model calls made (the order-status route makes none besides the classifier).</summary>
    public int ModelCalls { get; init; }

    /// <summary>Gets the time from the start of the run to its result, in milliseconds.</summary>
    public double ProcessingMs { get; init; }
}
