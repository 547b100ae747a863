namespace Foreman.Samples.Pipelines.Invoices;

/// <summary>What <c>invoice-processing</c> made of one document.</summary>
public sealed record InvoiceProcessingResult
{
    /// <summary>Gets the document's id.</summary>
    public required string DocumentId { get; init; }

    /// <summary>Gets routed (sent to its approval queue without a person) or escalated (handed to accounts payable).</summary>
    public required string Status { get; init; }

    /// <summary>Gets the document type the classifier chose.</summary>
    public string? DocumentType { get; init; }

    /// <summary>Gets the supplier.</summary>
    public string? Vendor { get; init; }

    /// <summary>Gets the invoice number.</summary>
    public string? InvoiceNumber { get; init; }

    /// <summary>Gets the currency.</summary>
    public string? Currency { get; init; }

    /// <summary>Gets the total agreed by the amount consensus.</summary>
    public decimal? Total { get; init; }

    /// <summary>Gets the approval queue: finance-director, legal or standard.</summary>
    public string? Queue { get; init; }

    /// <summary>Gets the share of amount readers that agreed with the total.</summary>
    public double? Agreement { get; init; }

    /// <summary>Gets each amount reader's reading, in instance order (null when an instance produced none).</summary>
    public IReadOnlyList<decimal?> AmountReadings { get; init; } = [];

    /// <summary>Gets each amount reader's inference cost, in instance order.</summary>
    public IReadOnlyList<decimal> AmountCosts { get; init; } = [];

    /// <summary>Gets the pipeline's confidence.</summary>
    public double Confidence { get; init; }

    /// <summary>Gets the inference cost of the document, every agent and attempt included.</summary>
    public decimal Cost { get; init; }

    /// <summary>Gets why the document was escalated.</summary>
    public string? EscalationReason { get; init; }

    /// <summary>Gets the review item the document was handed over as, when a review queue is configured.</summary>
    public string? ReviewItemId { get; init; }

    /// <summary>Gets the time from the start of the run to its result, in milliseconds (durable retry waits included).</summary>
    public double ProcessingMs { get; init; }
}
