namespace Foreman.Reviews;

/// <summary>What happened to a decision: a value, because losing a race or arriving late is expected.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Item">The item as it now stands (the winner's decision on a conflict), or <see langword="null"/> when not found.</param>
/// <param name="Errors">Why a modification was invalid; empty otherwise.</param>
public sealed record DecideResult(DecideStatus Status, ReviewItem? Item, IReadOnlyList<string> Errors)
{
    /// <summary>Gets a human-readable explanation.</summary>
    public string Message => Status switch
    {
        DecideStatus.Decided => $"{Item!.ItemId} is {Item.Status.ToString().ToLowerInvariant()} by {Item.DecidedBy}.",
        DecideStatus.Conflict => $"{Item!.ItemId} was already {Item.Status.ToString().ToLowerInvariant()} by {Item.DecidedBy} at {Item.DecidedAt:yyyy-MM-dd HH:mm:ss}Z; your decision was not recorded.",
        DecideStatus.Expired => $"{Item!.ItemId} expired at {Item.DecidedAt:yyyy-MM-dd HH:mm:ss}Z (SLA passed); your decision was not recorded.",
        DecideStatus.InvalidModification => $"the modified action is invalid: {string.Join("; ", Errors)}",
        _ => "no such review item.",
    };
}
