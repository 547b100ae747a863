namespace Foreman.Reviews;

/// <summary>The result of deciding (or expiring) an item.</summary>
public enum DecideStatus
{
    /// <summary>This call's decision is the one on record.</summary>
    Decided,

    /// <summary>Somebody decided first; the item shows who and when.</summary>
    Conflict,

    /// <summary>The item expired before the decision arrived.</summary>
    Expired,

    /// <summary>No such item.</summary>
    NotFound,

    /// <summary>The modified values do not satisfy the action's schema; nothing changed.</summary>
    InvalidModification,
}
