namespace Foreman.Reviews;

/// <summary>
/// Accounts human review cost. Each item carries its queue's cost per escalation as it was when the item was
/// created, so changing a queue's price later does not rewrite history. Thread-safe.
/// </summary>
/// <param name="store">The review store.</param>
public sealed class ReviewCostLedger(IReviewStore store)
{
    private readonly IReviewStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Sums the human cost of one run's escalations.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cost.</returns>
    public async Task<ReviewCost> ForRunAsync(string runId, CancellationToken cancellationToken)
    {
        var items = await _store.ListAsync(new ReviewQuery(RunId: runId), cancellationToken);
        var byCurrency = items
            .GroupBy(i => i.CostCurrency, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(i => i.HumanCost), StringComparer.Ordinal);
        return new ReviewCost(items.Count, byCurrency);
    }
}
