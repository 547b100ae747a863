namespace Foreman.Reviews;

/// <summary>
/// Orders the queue: <c>urgency × 100 + 10 × log10(1 + amount) + age in hours</c>. Urgency dominates, money
/// breaks ties within an urgency (a tenfold amount is worth ten hours of waiting), and age keeps old items
/// from starving. Computed when listing, never stored, because age changes by the minute.
/// </summary>
public static class ReviewPriority
{
    /// <summary>Computes the priority score of an item at a moment.</summary>
    /// <param name="item">The item.</param>
    /// <param name="now">The moment.</param>
    /// <returns>Higher means sooner.</returns>
    public static double Compute(ReviewItem item, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        var amount = (double)Math.Abs(item.Packet.Amount ?? 0m);
        var age = Math.Max(0, (now - item.CreatedAt).TotalHours);
        return ((int)item.Packet.Urgency * 100) + (10 * Math.Log10(1 + amount)) + age;
    }

    /// <summary>Sorts items by priority, highest first; ties go to the oldest.</summary>
    /// <param name="items">The items.</param>
    /// <param name="now">The moment.</param>
    /// <returns>The sorted items with their scores.</returns>
    public static IReadOnlyList<(ReviewItem Item, double Priority)> Order(IEnumerable<ReviewItem> items, DateTimeOffset now) =>
        [.. items.Select(i => (i, Compute(i, now))).OrderByDescending(p => p.Item2).ThenBy(p => p.i.CreatedAt).ThenBy(p => p.i.ItemId, StringComparer.Ordinal)];
}
