namespace Foreman.Samples.Workflows;

/// <summary>The input of the <c>invoice-approval</c> workflow.</summary>
/// <param name="Invoice">The invoice's text, as received.</param>
public sealed record InvoiceApprovalRequest(string Invoice);
