using Foreman.Reviews;

namespace Foreman.Stores;

/// <summary>
/// What deciding or expiring a review item writes in the one compare-and-set both review stores run: the same rules
/// in SQLite and PostgreSQL.
/// </summary>
internal readonly record struct ReviewOutcomeWrite(
    ReviewStatus Status, string DecidedBy, string? Reason, string? ModifiedAction, string? ApprovedActionHash, DateTimeOffset At, bool Delivered)
{
    /// <summary>A person's decision; the modified action is kept only for a modification. It waits to be delivered to the run.</summary>
    /// <exception cref="ArgumentException">The decision neither approves, rejects nor modifies.</exception>
    public static ReviewOutcomeWrite Decide(ReviewDecision decision, string? approvedActionHash, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Verdict is ReviewStatus.Pending or ReviewStatus.Expired)
        {
            throw new ArgumentException("A decision approves, rejects or modifies.", nameof(decision));
        }

        var modified = decision.Verdict == ReviewStatus.Modified ? decision.ModifiedAction : null;
        return new(decision.Verdict, decision.DecidedBy, decision.Reason, modified, approvedActionHash, at, Delivered: false);
    }

    /// <summary>
    /// The SLA passed. The run that expires the item is the one waiting for it, so there is nobody to deliver to.
    /// </summary>
    public static ReviewOutcomeWrite Expire(DateTimeOffset at) => new(ReviewStatus.Expired, "system", "SLA passed", null, null, at, Delivered: true);
}
