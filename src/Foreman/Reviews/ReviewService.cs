using System.Text.Json;
using Foreman.Autonomy;
using Foreman.Schema;
using Foreman.Tools;
using Foreman.Workflows;

namespace Foreman.Reviews;

/// <summary>
/// The reviewer's side of the queue: list by priority, decide, and wake the waiting run. A decision is first
/// recorded in the review store (compare-and-set), then delivered to the run as the event <c>review:{itemId}</c>
/// with the item id as dedupe key, then marked delivered. A crash between those steps loses nothing:
/// <see cref="ReconcileAsync"/> re-delivers every decided-but-undelivered item, and the dedupe key makes a
/// second delivery harmless. Thread-safe.
/// </summary>
/// <param name="store">The review store.</param>
/// <param name="engine">Delivers events to runs (any engine over the run store; it needs no workflows registered).</param>
/// <param name="timeProvider">The clock. The default value is <see cref="TimeProvider.System"/>.</param>
/// <param name="autonomy">When given, the decision type's autonomy level is re-evaluated after every decision.</param>
public sealed class ReviewService(IReviewStore store, WorkflowEngine engine, TimeProvider? timeProvider = null, AutonomyTracker? autonomy = null)
{
    private readonly IReviewStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly WorkflowEngine _engine = engine ?? throw new ArgumentNullException(nameof(engine));
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Lists pending items, most urgent first.</summary>
    /// <param name="queue">Only this queue, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items with their priority scores.</returns>
    public async Task<IReadOnlyList<(ReviewItem Item, double Priority)>> ListPendingAsync(string? queue, CancellationToken cancellationToken)
    {
        var items = await _store.ListAsync(new ReviewQuery(ReviewStatus.Pending, queue), cancellationToken);
        return ReviewPriority.Order(items, _time.GetUtcNow());
    }

    /// <summary>Decides an item and wakes its run.</summary>
    /// <param name="itemId">The item.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What happened; only <see cref="DecideStatus.Decided"/> changed anything.</returns>
    public async Task<DecideResult> DecideAsync(string itemId, ReviewDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Verdict is ReviewStatus.Pending or ReviewStatus.Expired)
        {
            throw new ArgumentException("A reviewer approves, rejects or modifies.", nameof(decision));
        }

        var item = await _store.GetAsync(itemId, cancellationToken);
        if (item is null)
        {
            return new DecideResult(DecideStatus.NotFound, null, []);
        }

        string? approvedHash = null;
        if (decision.Verdict == ReviewStatus.Modified)
        {
            var errors = ValidateModification(item, decision.ModifiedAction);
            if (errors.Count > 0)
            {
                return new DecideResult(DecideStatus.InvalidModification, item, errors);
            }

            using var modified = JsonDocument.Parse(decision.ModifiedAction!);
            approvedHash = ActionHash.Compute(item.ToolName, modified.RootElement);
        }
        else if (decision.Verdict == ReviewStatus.Approved)
        {
            approvedHash = item.ActionHash;
        }

        var result = await _store.DecideAsync(itemId, decision, approvedHash, _time.GetUtcNow(), cancellationToken);
        if (result.Status == DecideStatus.Decided)
        {
            await DeliverAsync(result.Item!, cancellationToken);

            // Every decision is new evidence: the decision type's level moves as soon as the track record allows.
            if (autonomy is not null)
            {
                await autonomy.EvaluateAsync(result.Item!.DecisionType, cancellationToken);
            }
        }

        return result;
    }

    /// <summary>Delivers every decided-but-undelivered item to its run. Run it at worker start and now and then.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many items were delivered.</returns>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var pending = await _store.ListUndeliveredAsync(cancellationToken);
        foreach (var item in pending)
        {
            await DeliverAsync(item, cancellationToken);
        }

        return pending.Count;
    }

    /// <summary>Checks edited arguments against the action's schema.</summary>
    /// <param name="item">The item.</param>
    /// <param name="modifiedAction">The edited arguments as JSON text.</param>
    /// <returns>The errors; empty when valid.</returns>
    public static IReadOnlyList<string> ValidateModification(ReviewItem item, string? modifiedAction)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.ActionSchema is null)
        {
            return ["the action has no schema, so edited values cannot be checked; approve or reject instead"];
        }

        if (string.IsNullOrWhiteSpace(modifiedAction))
        {
            return ["no modified values were given"];
        }

        try
        {
            using var document = JsonDocument.Parse(modifiedAction);
            var result = JsonSchema.Parse(item.ActionSchema).Validate(document.RootElement);
            return result.IsValid ? [] : [.. result.Errors.Select(e => e.ToString())];
        }
        catch (JsonException ex)
        {
            return [$"the modified values are not valid JSON: {ex.Message}"];
        }
    }

    private async Task DeliverAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        // Delivered, a duplicate, or a run that is gone: in every case there is nothing left to deliver.
        _ = await _engine.DeliverEventAsync(item.RunId, item.EventName, ReviewEvent.From(item), item.ItemId, cancellationToken);
        await _store.MarkDeliveredAsync(item.ItemId, cancellationToken);
    }
}
