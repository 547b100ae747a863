using System.Globalization;

namespace Foreman.Samples.Pipelines.Tickets;

/// <summary>The shop's return policy, as code: the structured check a return goes through.</summary>
public static class ReturnPolicy
{
    /// <summary>Days after delivery within which an unopened item may be returned.</summary>
    public const int WindowDays = 30;

    /// <summary>Decides a return.</summary>
    /// <param name="order">The order, or <see langword="null"/> when not found.</param>
    /// <param name="condition">unopened, opened or damaged.</param>
    /// <returns>Whether the return is accepted and the rule that decided.</returns>
    public static (bool Eligible, string Rule) Decide(TicketOrder? order, string? condition)
    {
        if (order is null)
        {
            return (false, "order_not_found");
        }

        if (order.Status != "delivered")
        {
            return (false, "not_delivered_yet");
        }

        if (condition == "damaged")
        {
            return (true, "damaged_on_arrival");
        }

        var days = OrderSystem.Today.DayNumber - DateOnly.ParseExact(order.EstimatedDelivery, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber;
        if (order.FinalSale)
        {
            return (false, "final_sale");
        }

        if (condition != "unopened")
        {
            return (false, "opened_item");
        }

        return days <= WindowDays ? (true, "within_30_days") : (false, "outside_30_days");
    }
}
