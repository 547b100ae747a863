namespace Foreman.Reviews;

/// <summary>The payload of the <c>review:{itemId}</c> event that wakes the waiting run.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Status">Approved, Rejected or Modified.</param>
/// <param name="DecidedBy">Who.</param>
/// <param name="Reason">Why, or <see langword="null"/>.</param>
/// <param name="ApprovedAction">The approved arguments as JSON text, or <see langword="null"/> for rejections.</param>
/// <param name="ApprovedActionHash">Their hash, or <see langword="null"/>.</param>
public sealed record ReviewEvent(string ItemId, ReviewStatus Status, string? DecidedBy, string? Reason, string? ApprovedAction, string? ApprovedActionHash)
{
    /// <summary>The event for a decided item.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The payload.</returns>
    public static ReviewEvent From(ReviewItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var approved = item.Status is ReviewStatus.Approved or ReviewStatus.Modified;
        return new ReviewEvent(item.ItemId, item.Status, item.DecidedBy, item.Reason, approved ? item.ApprovedAction : null, approved ? item.ApprovedActionHash : null);
    }
}
