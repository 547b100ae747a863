namespace Foreman.Samples.Reviews;

/// <summary>An order of the sample shop.</summary>
/// <param name="OrderId">The id.</param>
/// <param name="Item">What was bought.</param>
/// <param name="Total">The total.</param>
/// <param name="Currency">The currency.</param>
/// <param name="DeliveredOn">The delivery date.</param>
public sealed record SampleOrder(string OrderId, string Item, decimal Total, string Currency, string DeliveredOn);
