namespace Foreman.Samples.Reviews;

/// <summary>The output of <c>refund-approval</c>.</summary>
/// <param name="Outcome"><c>refunded</c>, <c>rejected</c>, <c>expired</c>, <c>handed_over</c> (level 3) or <c>order_not_found</c>.</param>
/// <param name="OrderId">The order.</param>
/// <param name="Amount">The amount refunded, or <see langword="null"/>.</param>
/// <param name="ReviewItemId">The review item, or <see langword="null"/>.</param>
/// <param name="DecidedBy">Who decided, or <see langword="null"/>.</param>
/// <param name="RefundId">The refund's id in the ledger, or <see langword="null"/>.</param>
public sealed record RefundApprovalResult(string Outcome, string OrderId, decimal? Amount, string? ReviewItemId, string? DecidedBy, string? RefundId);
