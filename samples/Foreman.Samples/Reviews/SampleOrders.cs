namespace Foreman.Samples.Reviews;

/// <summary>The sample shop's orders.</summary>
public static class SampleOrders
{
    /// <summary>Finds an order.</summary>
    /// <param name="orderId">The id.</param>
    /// <returns>The order, or <see langword="null"/>.</returns>
    public static SampleOrder? Find(string orderId) => orderId switch
    {
        "B-2201" => new SampleOrder("B-2201", "Glass carafe 1.2 l", 39.90m, "EUR", "2026-11-18"),
        "B-3107" => new SampleOrder("B-3107", "Espresso machine", 649.00m, "EUR", "2026-11-20"),
        _ => null,
    };
}
