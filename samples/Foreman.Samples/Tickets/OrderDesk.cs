namespace Foreman.Samples.Tickets;

/// <summary>The sample's order system and help-centre articles.</summary>
internal static class OrderDesk
{
    public static IReadOnlyList<Order> Orders { get; } =
    [
        new("A-10023", "in_transit", "DHL", "2026-11-25"),
        new("A-10031", "delivered", "UPS", "2026-11-12"),
        new("A-10044", "processing", null, "2026-11-28"),
    ];

    public static IReadOnlyList<Article> Articles { get; } =
    [
        new("KB-12", "How to return an item", "Returns are free within 30 days. Start a return from Orders > Return item; print the label and drop the parcel at any carrier point."),
        new("KB-18", "Refund timing", "Refunds reach your account 5 to 7 business days after we receive the return."),
        new("KB-21", "Changing your delivery address", "An address can be changed until the order ships, from Orders > Edit address."),
        new("KB-30", "Invoices and VAT", "Invoices with VAT are available under Account > Invoices as PDF."),
    ];

    public sealed record Order(string OrderId, string Status, string? Carrier, string EstimatedDelivery);

    public sealed record Article(string Id, string Title, string Body);
}
