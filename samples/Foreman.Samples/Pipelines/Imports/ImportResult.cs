namespace Foreman.Samples.Pipelines.Imports;

/// <summary>What <c>import-documents</c> made of one document.</summary>
public sealed record ImportResult
{
    /// <summary>Gets the document's id.</summary>
    public required string DocumentId { get; init; }

    /// <summary>Gets processed (no person needed) or escalated.</summary>
    public required string Status { get; init; }

    /// <summary>Gets the document type the top-level classifier chose.</summary>
    public string? DocumentType { get; init; }

    /// <summary>Gets the fields its sub-supervisor extracted.</summary>
    public ImportFields? Fields { get; init; }

    /// <summary>Gets the pipeline's confidence.</summary>
    public double Confidence { get; init; }

    /// <summary>Gets the inference cost, every level and attempt included.</summary>
    public decimal Cost { get; init; }

    /// <summary>Gets why a person is needed.</summary>
    public IReadOnlyList<string> Escalations { get; init; } = [];

    /// <summary>Gets the review item the document was handed over as.</summary>
    public string? ReviewItemId { get; init; }

    /// <summary>Gets the milliseconds the top level added on top of its sub-supervisor.</summary>
    public double TopLevelSelfMs { get; init; }

    /// <summary>Gets the time from the start of the run to its result, in milliseconds.</summary>
    public double ProcessingMs { get; init; }
}
