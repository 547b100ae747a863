using Foreman.Autonomy;

namespace Foreman.Reviews;

/// <summary>
/// Durable storage for review items and the autonomy audit trail. Implementations must be thread-safe and safe
/// across processes sharing the store.
/// </summary>
/// <remarks>
/// Contract: <see cref="CreateAsync"/> is idempotent by <see cref="ReviewItem.ItemId"/> (a second call returns the
/// stored item unchanged). <see cref="DecideAsync"/> and <see cref="ExpireAsync"/> are one atomic compare-and-set
/// from <see cref="ReviewStatus.Pending"/>: of any number of concurrent calls on one item exactly one returns
/// <see cref="DecideStatus.Decided"/>, and every other returns <see cref="DecideStatus.Conflict"/> (or
/// <see cref="DecideStatus.Expired"/> when expiry won) with the winning item. Decided items stay undelivered until
/// <see cref="MarkDeliveredAsync"/>, so a crash between deciding and waking the run is repaired by re-delivering.
/// </remarks>
public interface IReviewStore
{
    /// <summary>Creates an item unless one with its id exists.</summary>
    /// <param name="item">The pending item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored item and whether this call created it.</returns>
    Task<(ReviewItem Item, bool Created)> CreateAsync(ReviewItem item, CancellationToken cancellationToken);

    /// <summary>Reads an item.</summary>
    /// <param name="itemId">The item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item, or <see langword="null"/>.</returns>
    Task<ReviewItem?> GetAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>Lists items, oldest first (callers order by priority, which depends on the time of asking).</summary>
    /// <param name="query">Filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items.</returns>
    Task<IReadOnlyList<ReviewItem>> ListAsync(ReviewQuery query, CancellationToken cancellationToken);

    /// <summary>Records a decision if the item is still pending (compare-and-set).</summary>
    /// <param name="itemId">The item.</param>
    /// <param name="decision">The decision (status Approved, Rejected or Modified).</param>
    /// <param name="approvedActionHash">The hash of the approved action (the modified one when modified), or <see langword="null"/> for rejections.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Decided, Conflict, Expired or NotFound.</returns>
    Task<DecideResult> DecideAsync(string itemId, ReviewDecision decision, string? approvedActionHash, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Expires an item if it is still pending (compare-and-set); expiry needs no delivery.</summary>
    /// <param name="itemId">The item.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Decided (this call expired it), Conflict (a human decided first), Expired or NotFound.</returns>
    Task<DecideResult> ExpireAsync(string itemId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Lists decided items whose run has not been told yet, oldest decision first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items.</returns>
    Task<IReadOnlyList<ReviewItem>> ListUndeliveredAsync(CancellationToken cancellationToken);

    /// <summary>Marks an item's decision as delivered to its run.</summary>
    /// <param name="itemId">The item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task MarkDeliveredAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>Lists human decisions (approved, modified, rejected; not expiries) of a type since a moment, oldest first.</summary>
    /// <param name="decisionType">The decision type.</param>
    /// <param name="since">The start of the window (exclusive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcomes.</returns>
    Task<IReadOnlyList<ReviewOutcome>> ListOutcomesAsync(string decisionType, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Appends a level change to the audit trail.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task AppendLevelChangeAsync(LevelChange change, CancellationToken cancellationToken);

    /// <summary>Lists level changes in the order they were appended.</summary>
    /// <param name="decisionType">Only this type, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changes.</returns>
    Task<IReadOnlyList<LevelChange>> ListLevelChangesAsync(string? decisionType, CancellationToken cancellationToken);
}
