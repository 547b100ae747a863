namespace Foreman.Samples.Workflows;

/// <summary>
/// The accounting system the <c>invoice-approval</c> workflow posts to. Implementations must treat the idempotency
/// key as the identity of the posting: a second call with the same key returns the first entry and books nothing.
/// Thread-safe.
/// </summary>
public interface IInvoiceLedger
{
    /// <summary>Books an approved invoice once per idempotency key.</summary>
    /// <param name="idempotencyKey">The key of the step that posts (<see cref="Foreman.Workflows.StepContext.IdempotencyKey"/>).</param>
    /// <param name="invoiceNumber">The invoice number.</param>
    /// <param name="vendorId">The vendor.</param>
    /// <param name="total">The amount.</param>
    /// <param name="currency">The currency.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, new or replayed.</returns>
    Task<LedgerPosting> PostAsync(string idempotencyKey, string invoiceNumber, string vendorId, decimal total, string currency, CancellationToken cancellationToken);
}
