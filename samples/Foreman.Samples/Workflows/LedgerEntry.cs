namespace Foreman.Samples.Workflows;

/// <summary>One booked invoice.</summary>
/// <param name="EntryId">The entry's id.</param>
/// <param name="InvoiceNumber">The invoice number.</param>
/// <param name="VendorId">The vendor.</param>
/// <param name="Total">The amount.</param>
/// <param name="Currency">The currency.</param>
public sealed record LedgerEntry(string EntryId, string InvoiceNumber, string VendorId, decimal Total, string Currency);
