using System.Collections.Concurrent;
using System.Globalization;

namespace Foreman.Samples.Workflows;

/// <summary>An <see cref="IInvoiceLedger"/> in memory, for the samples and tests. Thread-safe.</summary>
public sealed class InMemoryInvoiceLedger : IInvoiceLedger
{
    private readonly ConcurrentDictionary<string, LedgerEntry> _entries = new(StringComparer.Ordinal);
    private int _nextId;
    private int _replays;

    /// <summary>Gets the entries booked, keyed by idempotency key.</summary>
    public IReadOnlyDictionary<string, LedgerEntry> Entries => _entries;

    /// <summary>Gets how many postings repeated a key already booked (a step that ran again after a crash).</summary>
    public int Replays => Volatile.Read(ref _replays);

    /// <inheritdoc />
    public Task<LedgerPosting> PostAsync(string idempotencyKey, string invoiceNumber, string vendorId, decimal total, string currency, CancellationToken cancellationToken)
    {
        var created = false;
        var entry = _entries.GetOrAdd(idempotencyKey, _ =>
        {
            created = true;
            var id = "LE-" + Interlocked.Increment(ref _nextId).ToString("D6", CultureInfo.InvariantCulture);
            return new LedgerEntry(id, invoiceNumber, vendorId, total, currency);
        });
        if (!created)
        {
            Interlocked.Increment(ref _replays);
        }

        return Task.FromResult(new LedgerPosting(entry.EntryId, !created));
    }
}
