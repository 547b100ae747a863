namespace Foreman.Samples.Reviews;

/// <summary>The payment system refunds go to. Implementations must be thread-safe and idempotent by key.</summary>
public interface IRefundLedger
{
    /// <summary>Refunds money once per idempotency key.</summary>
    /// <param name="idempotencyKey">The durable step's key: a retried call with the same key refunds nothing twice.</param>
    /// <param name="orderId">The order.</param>
    /// <param name="amount">The amount.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The refund id.</returns>
    Task<string> RefundAsync(string idempotencyKey, string orderId, decimal amount, string reason, CancellationToken cancellationToken);
}
