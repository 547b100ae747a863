using System.Text.Json;
using Foreman.Autonomy;
using Foreman.Tools;
using Foreman.Workflows;

namespace Foreman.Reviews;

/// <summary>
/// Puts a workflow's decision under the autonomy policy. At level 0 the workflow acts; at level 1 it acts and a
/// sample is queued for later review; at levels 2 and 3 a review item is created in a durable step and the run
/// waits (holding no memory) for <c>review:{itemId}</c> or the queue's SLA, across restarts. On timeout the item
/// is expired by compare-and-set; if a human decided in the same instant the human's decision wins. Thread-safe.
/// </summary>
public sealed class ReviewGate
{
    private readonly IReviewStore _store;
    private readonly AutonomyTracker _tracker;
    private readonly Dictionary<string, ReviewQueueOptions> _queues;
    private readonly double _auditSampleRate;
    private readonly int _maxEscalations;

    /// <summary>Creates a gate.</summary>
    /// <param name="store">The review store.</param>
    /// <param name="tracker">Resolves levels.</param>
    /// <param name="options">Queues and sampling; copied.</param>
    public ReviewGate(IReviewStore store, AutonomyTracker tracker, ReviewGateOptions options)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _tracker = tracker ?? throw new ArgumentNullException(nameof(tracker));
        ArgumentNullException.ThrowIfNull(options);
        _queues = options.Queues.ToDictionary(
            q => q.Name,
            q => new ReviewQueueOptions { Name = q.Name, Sla = q.Sla, OnTimeout = q.OnTimeout, EscalateTo = q.EscalateTo, HumanCostPerEscalation = q.HumanCostPerEscalation, Currency = q.Currency },
            StringComparer.Ordinal);
        foreach (var queue in _queues.Values.Where(q => q.OnTimeout == ReviewTimeoutAction.Escalate))
        {
            if (queue.EscalateTo is null || !_queues.ContainsKey(queue.EscalateTo))
            {
                throw new ArgumentException($"Queue '{queue.Name}' escalates to '{queue.EscalateTo}', which is not configured.", nameof(options));
            }
        }

        _auditSampleRate = options.AuditSampleRate;
        _maxEscalations = options.MaxEscalations;
    }

    /// <summary>Gets a configured queue.</summary>
    /// <param name="name">The queue name.</param>
    /// <returns>The queue.</returns>
    /// <exception cref="ArgumentException">No queue has that name.</exception>
    public ReviewQueueOptions Queue(string name) =>
        _queues.TryGetValue(name, out var queue) ? queue : throw new ArgumentException($"No review queue is named '{name}'.", nameof(name));

    /// <summary>Resolves the decision's level and, when it needs a human, waits durably for one.</summary>
    /// <param name="context">The workflow context.</param>
    /// <param name="request">The decision.</param>
    /// <returns>Whether and what the workflow may execute.</returns>
    public async Task<ReviewGateResult> RequestAsync(WorkflowContext context, ReviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var queue = Queue(request.Queue);
        var proposed = request.Arguments.GetRawText();
        var hash = ActionHash.Compute(request.ToolName, request.Arguments);
        var autonomy = new AutonomyRequest(request.DecisionType, request.Packet.Amount, request.Packet.Confidence, request.Agent);

        // A step, so a replay after a promotion still follows the path this run took.
        var level = await context.StepAsync("review.level", (_, ct) => _tracker.ResolveAsync(autonomy, ct));
        var result = new ReviewGateResult { Level = level, Outcome = ReviewGateOutcome.Autonomous, ToolName = request.ToolName, Arguments = proposed, ActionHash = hash };
        if (level == AutonomyLevel.Autonomous)
        {
            return result;
        }

        if (level == AutonomyLevel.AutonomousWithAudit)
        {
            // The context's random is replay-stable, so the same runs are sampled on every replay.
            return context.Random.NextDouble() < _auditSampleRate
                ? result with { AuditItemId = await CreateItemAsync(context, request, queue, level, proposed, hash, null) }
                : result;
        }

        string? escalatedFrom = null;
        for (var hop = 0; ; hop++)
        {
            var itemId = await CreateItemAsync(context, request, queue, level, proposed, hash, escalatedFrom);
            var wait = await context.WaitForEventAsync<ReviewEvent>(ReviewItem.EventNameFor(itemId), queue.Sla);
            var decision = wait.Received ? wait.Value : await ExpireAsync(context, itemId);
            if (decision is not null)
            {
                return Decided(result, itemId, decision, request.ToolName);
            }

            if (queue.OnTimeout == ReviewTimeoutAction.Escalate && hop < _maxEscalations)
            {
                escalatedFrom = itemId;
                queue = Queue(queue.EscalateTo!);
                continue;
            }

            return result with { Outcome = ReviewGateOutcome.Expired, ItemId = itemId, Arguments = null, ActionHash = null, DecidedBy = "system", Reason = $"No decision within the {queue.Name} queue's SLA." };
        }
    }

    private async Task<string> CreateItemAsync(WorkflowContext context, ReviewRequest request, ReviewQueueOptions queue, AutonomyLevel level, string proposed, string hash, string? escalatedFrom)
    {
        // The id and the time come from the context, so a replay creates (finds) the same item.
        var itemId = $"rev_{context.NewGuid():N}";
        var now = context.UtcNow;
        var item = new ReviewItem
        {
            ItemId = itemId,
            Queue = queue.Name,
            RunId = context.RunId,
            DecisionType = request.DecisionType,
            Level = level,
            Packet = request.Packet,
            ToolName = request.ToolName,
            ProposedAction = proposed,
            ActionHash = hash,
            ActionSchema = request.ArgumentsSchema,
            CreatedAt = now,
            DueAt = now + queue.Sla,
            HumanCost = queue.HumanCostPerEscalation,
            CostCurrency = queue.Currency,
            EscalatedFrom = escalatedFrom,
        };
        return await context.StepAsync("review.create", async (_, ct) =>
        {
            var (stored, created) = await _store.CreateAsync(item, ct);
            if (created)
            {
                Telemetry.ForemanMetrics.Escalations.Add(1, new("foreman.review.queue", queue.Name), new("foreman.review.decision_type", request.DecisionType), new("foreman.autonomy.level", (int)level));
            }

            return stored.ItemId;
        });
    }

    private Task<ReviewEvent?> ExpireAsync(WorkflowContext context, string itemId)
    {
        var now = context.UtcNow;
        return context.StepAsync("review.expire", async (_, ct) =>
        {
            var expired = await _store.ExpireAsync(itemId, now, ct);

            // Losing the race to a human means the human decided: take that decision rather than discard it.
            return expired.Status == DecideStatus.Conflict && expired.Item is { } decided ? ReviewEvent.From(decided) : null;
        });
    }

    private static ReviewGateResult Decided(ReviewGateResult result, string itemId, ReviewEvent decision, string toolName)
    {
        var decided = result with { ItemId = itemId, DecidedBy = decision.DecidedBy, Reason = decision.Reason };
        if (decision.Status is not (ReviewStatus.Approved or ReviewStatus.Modified) || decision.ApprovedAction is null)
        {
            return decided with { Outcome = ReviewGateOutcome.Rejected, Arguments = null, ActionHash = null };
        }

        // The approval binds to a hash; arguments that do not hash to it are not what the reviewer approved.
        using var approved = JsonDocument.Parse(decision.ApprovedAction);
        var hash = ActionHash.Compute(toolName, approved.RootElement);
        if (!string.Equals(hash, decision.ApprovedActionHash, StringComparison.Ordinal))
        {
            return decided with { Outcome = ReviewGateOutcome.Rejected, Arguments = null, ActionHash = null, Reason = "The approved action does not match its hash; nothing was executed." };
        }

        var outcome = decision.Status == ReviewStatus.Modified ? ReviewGateOutcome.Modified : ReviewGateOutcome.Approved;
        return decided with { Outcome = outcome, Arguments = decision.ApprovedAction, ActionHash = hash };
    }
}
