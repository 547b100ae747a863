using System.Globalization;

namespace Foreman.Samples.Pipelines.Tickets;

/// <summary>
/// The shop's order system as the triage pipeline sees it through its API. Orders are derived from their id, so
/// the dataset generator and the lookup agree without shared state, and any process answers the same.
/// </summary>
public static class OrderSystem
{
    /// <summary>The day tickets are written, for the return window.</summary>
    public static readonly DateOnly Today = new(2026, 11, 20);

    private static readonly string[] Items = ["coffee grinder", "espresso machine", "kettle", "toaster", "milk frother", "stand mixer", "blender", "scale"];
    private static readonly string[] Carriers = ["DHL", "UPS", "DPD", "GLS"];

    /// <summary>Reads an order.</summary>
    /// <param name="orderId">The id.</param>
    /// <returns>The order, or <see langword="null"/> when the id is malformed or unknown (ids ending in 0 do not exist).</returns>
    public static TicketOrder? Find(string? orderId)
    {
        if (orderId is not { Length: 7 } || !orderId.StartsWith("A-", StringComparison.Ordinal) || !int.TryParse(orderId.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n % 10 == 0)
        {
            return null;
        }

        var random = new Random(n);
        var status = (n % 3) switch { 0 => "processing", 1 => "in_transit", _ => "delivered" };
        var date = status == "delivered" ? Today.AddDays(-random.Next(2, 60)) : Today.AddDays(random.Next(1, 9));
        return new TicketOrder(
            orderId,
            status,
            status == "processing" ? null : Carriers[random.Next(Carriers.Length)],
            date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Items[random.Next(Items.Length)],
            Math.Round(20m + (400m * (decimal)random.NextDouble()), 2),
            random.NextDouble() < 0.2);
    }
}
