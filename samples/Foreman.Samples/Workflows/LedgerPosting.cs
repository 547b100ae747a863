namespace Foreman.Samples.Workflows;

/// <summary>What the ledger answered to a posting.</summary>
/// <param name="EntryId">The ledger entry.</param>
/// <param name="Replayed">Whether the idempotency key had been posted before (the earlier entry is returned).</param>
public sealed record LedgerPosting(string EntryId, bool Replayed);
