namespace Foreman.Samples.Pipelines.Invoices;

/// <summary>The input of <c>invoice-processing</c>: one document as received.</summary>
/// <param name="DocumentId">The document's id.</param>
/// <param name="Text">The document's text.</param>
public sealed record InvoiceProcessingRequest(string DocumentId, string Text);
