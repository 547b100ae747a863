namespace Foreman.Reviews;

/// <summary>A stored review item: an escalation packet, the exact proposed action, and the decision once made.</summary>
public sealed record ReviewItem
{
    /// <summary>Gets the id (<c>rev_…</c>), deterministic per run and position so creating it again is harmless.</summary>
    public required string ItemId { get; init; }

    /// <summary>Gets the queue.</summary>
    public required string Queue { get; init; }

    /// <summary>Gets the run that waits for the decision.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the decision type.</summary>
    public required string DecisionType { get; init; }

    /// <summary>Gets the autonomy level that sent it here (audit samples are level 1; proposals 2; assistance 3).</summary>
    public required Autonomy.AutonomyLevel Level { get; init; }

    /// <summary>Gets the status.</summary>
    public ReviewStatus Status { get; init; } = ReviewStatus.Pending;

    /// <summary>Gets the packet.</summary>
    public required EscalationPacket Packet { get; init; }

    /// <summary>Gets the tool (action) proposed.</summary>
    public required string ToolName { get; init; }

    /// <summary>Gets the proposed arguments as JSON text.</summary>
    public required string ProposedAction { get; init; }

    /// <summary>Gets the hash of the proposed action (<see cref="Tools.ActionHash"/>).</summary>
    public required string ActionHash { get; init; }

    /// <summary>Gets the JSON Schema that modified arguments must satisfy, or <see langword="null"/> (modification is then refused).</summary>
    public string? ActionSchema { get; init; }

    /// <summary>Gets when it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when its SLA passes.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Gets the human cost of this escalation (the queue's, when it was created).</summary>
    public decimal HumanCost { get; init; }

    /// <summary>Gets the currency of <see cref="HumanCost"/>.</summary>
    public string CostCurrency { get; init; } = "EUR";

    /// <summary>Gets the item this one escalates, or <see langword="null"/>.</summary>
    public string? EscalatedFrom { get; init; }

    /// <summary>Gets when it was decided or expired.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Gets who decided (<c>system</c> for expiry).</summary>
    public string? DecidedBy { get; init; }

    /// <summary>Gets the reviewer's reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the edited arguments as JSON text, when modified.</summary>
    public string? ModifiedAction { get; init; }

    /// <summary>Gets the hash of the action the decision approves (the modified one when modified), or <see langword="null"/>.</summary>
    public string? ApprovedActionHash { get; init; }

    /// <summary>Gets a value indicating whether the waiting run has been told of the decision.</summary>
    public bool Delivered { get; init; }

    /// <summary>Gets the arguments the decision approves: the modified ones, else the proposed ones.</summary>
    public string ApprovedAction => ModifiedAction ?? ProposedAction;

    /// <summary>Gets the event the waiting run waits for.</summary>
    public string EventName => EventNameFor(ItemId);

    /// <summary>The event a run waits for while <paramref name="itemId"/> is pending.</summary>
    /// <param name="itemId">The item.</param>
    /// <returns><c>review:{itemId}</c>.</returns>
    public static string EventNameFor(string itemId) => $"review:{itemId}";
}
