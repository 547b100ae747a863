using System.Collections.Concurrent;

namespace Foreman.Samples.Reviews;

/// <summary>A refund ledger in memory, for samples and tests.</summary>
public sealed class InMemoryRefundLedger : IRefundLedger
{
    private readonly ConcurrentDictionary<string, (string RefundId, string OrderId, decimal Amount)> _refunds = new(StringComparer.Ordinal);

    /// <summary>Gets the refunds made, by idempotency key.</summary>
    public IReadOnlyDictionary<string, (string RefundId, string OrderId, decimal Amount)> Refunds => _refunds;

    /// <inheritdoc />
    public Task<string> RefundAsync(string idempotencyKey, string orderId, decimal amount, string reason, CancellationToken cancellationToken)
    {
        var refund = _refunds.GetOrAdd(idempotencyKey, _ => ($"rf_{_refunds.Count + 1:D4}", orderId, amount));
        return Task.FromResult(refund.RefundId);
    }
}
