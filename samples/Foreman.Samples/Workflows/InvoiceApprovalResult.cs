namespace Foreman.Samples.Workflows;

/// <summary>The output of the <c>invoice-approval</c> workflow.</summary>
/// <param name="Outcome">
/// <c>posted</c>, <c>rejected</c> (a person said no), <c>approval_timed_out</c>, or <c>needs_review</c> (the agent
/// could not extract the invoice with confidence).
/// </param>
/// <param name="InvoiceNumber">The invoice number the agent extracted.</param>
/// <param name="VendorId">The vendor, grounded in the vendor master.</param>
/// <param name="Total">The invoice total.</param>
/// <param name="Currency">The currency.</param>
/// <param name="ApprovalRequired">Whether the total needed a person's approval.</param>
/// <param name="Approver">Who approved or rejected it.</param>
/// <param name="LedgerEntryId">The ledger entry, once posted.</param>
public sealed record InvoiceApprovalResult(
    string Outcome,
    string? InvoiceNumber,
    string? VendorId,
    decimal? Total,
    string? Currency,
    bool ApprovalRequired,
    string? Approver,
    string? LedgerEntryId);
