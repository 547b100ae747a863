namespace Foreman.Samples.Pipelines.Tickets;

/// <summary>An order in the shop's order system.</summary>
/// <param name="OrderId">The id (A-00000).</param>
/// <param name="Status">processing, in_transit or delivered.</param>
/// <param name="Carrier">The carrier, once shipped.</param>
/// <param name="EstimatedDelivery">The estimated or actual delivery date (yyyy-MM-dd).</param>
/// <param name="Item">What was ordered.</param>
/// <param name="Total">The order total in EUR.</param>
/// <param name="FinalSale">Whether the item was sold as final sale (no returns unless damaged).</param>
public sealed record TicketOrder(string OrderId, string Status, string? Carrier, string EstimatedDelivery, string Item, decimal Total, bool FinalSale);
