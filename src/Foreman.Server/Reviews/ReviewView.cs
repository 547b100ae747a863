using System.Text.Json;
using Foreman.Autonomy;
using Foreman.Reviews;
using Foreman.Server.Http;

namespace Foreman.Server.Reviews;

/// <summary>A review item as the API shows it: the escalation packet, the exact proposed action, the decision.</summary>
internal sealed record ReviewView(
    string ItemId,
    string Queue,
    string RunId,
    string DecisionType,
    AutonomyLevel Level,
    ReviewStatus Status,
    double? Priority,
    EscalationPacket Packet,
    string ToolName,
    JsonElement? ProposedAction,
    JsonElement? ActionSchema,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    decimal HumanCost,
    string CostCurrency,
    string? EscalatedFrom,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? Reason,
    JsonElement? ModifiedAction)
{
    public static ReviewView From(ReviewItem item, double? priority = null) => new(
        item.ItemId,
        item.Queue,
        item.RunId,
        item.DecisionType,
        item.Level,
        item.Status,
        priority,
        item.Packet,
        item.ToolName,
        Embedded.Parse(item.ProposedAction),
        Embedded.Parse(item.ActionSchema),
        item.CreatedAt,
        item.DueAt,
        item.HumanCost,
        item.CostCurrency,
        item.EscalatedFrom,
        item.DecidedAt,
        item.DecidedBy,
        item.Reason,
        Embedded.Parse(item.ModifiedAction));
}
