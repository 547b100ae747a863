using System.Text.Json;
using Foreman.Autonomy;
using Foreman.Reviews;
using Foreman.Tools;
using Foreman.Workflows;

namespace Foreman.Patterns.Escalation;

/// <summary>
/// Hands a piece of work over to people: puts an escalation packet with the pipeline's draft into a review
/// queue and lets the run finish, rather than parking it until someone decides. Use it where the person
/// completes the work themselves (a document the pipeline could not read with confidence, an urgent ticket with
/// a drafted reply); use <see cref="ReviewGate"/> where the run must continue with the person's decision. The
/// item is created in a journaled step with an id from the run, so a replay never creates it twice. Thread-safe.
/// </summary>
/// <param name="store">The review queue.</param>
public sealed class ReviewHandOff(IReviewStore store)
{
    private readonly IReviewStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Gets how long people have for a handed-over item. The default value is 24 hours.</summary>
    public TimeSpan Sla { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Gets the human cost recorded per item. The default value is 0.</summary>
    public decimal HumanCost { get; init; }

    /// <summary>Gets the currency of <see cref="HumanCost"/>. The default value is <c>EUR</c>.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>Creates the review item.</summary>
    /// <param name="context">The durable context.</param>
    /// <param name="queue">The queue.</param>
    /// <param name="decisionType">The decision type, for autonomy tracking.</param>
    /// <param name="action">The action the person completes, for example <c>send_reply</c>.</param>
    /// <param name="draft">The pipeline's draft of that action's arguments.</param>
    /// <param name="packet">What the person needs to decide quickly.</param>
    /// <returns>The review item's id.</returns>
    public async Task<string> HandOverAsync(WorkflowContext context, string queue, string decisionType, string action, JsonElement draft, EscalationPacket packet)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(packet);
        var itemId = $"rev_{context.NewGuid():N}";
        var now = context.UtcNow;
        var item = new ReviewItem
        {
            ItemId = itemId,
            Queue = queue,
            RunId = context.RunId,
            DecisionType = decisionType,
            Level = AutonomyLevel.AssistanceOnly,
            Packet = packet,
            ToolName = action,
            ProposedAction = draft.GetRawText(),
            ActionHash = ActionHash.Compute(action, draft),
            CreatedAt = now,
            DueAt = now + Sla,
            HumanCost = HumanCost,
            CostCurrency = Currency,
        };
        return await context.StepAsync("review.hand-over", async (_, ct) => (await _store.CreateAsync(item, ct)).Item.ItemId);
    }
}
