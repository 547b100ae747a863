namespace Foreman.Samples.Invoices;

/// <summary>The sample's system of record: vendors and purchase orders, as an ERP would return them.</summary>
internal static class BackOffice
{
    public static IReadOnlyList<Vendor> Vendors { get; } =
    [
        new("V-1001", "Northwind Traders GmbH", 30, "EUR"),
        new("V-1002", "Contoso Office Supply Ltd", 45, "GBP"),
        new("V-1003", "Fabrikam Industrial Parts", 60, "USD"),
        new("V-1004", "Tailspin Logistics BV", 14, "EUR"),
    ];

    public static IReadOnlyList<PurchaseOrder> PurchaseOrders { get; } =
    [
        new("PO-7731", "V-1001", 575.00m, "EUR", "open"),
        new("PO-7740", "V-1002", 1_284.60m, "GBP", "open"),
        new("PO-7752", "V-1003", 12_480.00m, "USD", "open"),
        new("PO-7760", "V-1004", 310.00m, "EUR", "closed"),
    ];

    public sealed record Vendor(string VendorId, string Name, int PaymentTermsDays, string Currency);

    public sealed record PurchaseOrder(string PoNumber, string VendorId, decimal Amount, string Currency, string Status);
}
