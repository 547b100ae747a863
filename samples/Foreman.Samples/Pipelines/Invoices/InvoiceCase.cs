namespace Foreman.Samples.Pipelines.Invoices;

/// <summary>One generated document with its ground truth.</summary>
/// <param name="DocumentId">The document's id.</param>
/// <param name="Text">The document as the pipeline receives it.</param>
/// <param name="Truth">What it really says.</param>
public sealed record InvoiceCase(string DocumentId, string Text, InvoiceTruth Truth);
