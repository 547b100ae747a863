namespace Foreman.Samples.Pipelines.Invoices;

/// <summary>What a generated document really says: the answer key the pipeline is measured against.</summary>
/// <param name="DocumentType">invoice or contract.</param>
/// <param name="Vendor">The supplier (or counterparty).</param>
/// <param name="Reference">The invoice number (or contract number).</param>
/// <param name="Currency">The currency.</param>
/// <param name="Total">The amount due (or contract value).</param>
/// <param name="Queue">The approval queue it belongs in.</param>
public sealed record InvoiceTruth(string DocumentType, string Vendor, string Reference, string Currency, decimal Total, string Queue);
