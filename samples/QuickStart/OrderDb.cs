using System.Text.Json;

namespace QuickStart;

/// <summary>A stand-in for the order database.</summary>
internal static class OrderDb
{
    public static JsonElement Read(string orderId) =>
        JsonSerializer.SerializeToElement(new { order_id = orderId, status = "in_transit", carrier = "DHL" });
}
