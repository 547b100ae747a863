using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Foreman.Reviews;

namespace Foreman.Cli.Rendering;

/// <summary>Renders review items for people (text) and scripts (JSON).</summary>
internal static class ReviewRenderer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string ListText(IReadOnlyList<(ReviewItem Item, double Priority)> items)
    {
        if (items.Count == 0)
        {
            return "No pending review items." + Environment.NewLine;
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"ID",-38} {"QUEUE",-12} {"PRIORITY",8} {"URGENCY",-8} {"AMOUNT",12} {"DUE",-17} DECISION");
        foreach (var (item, priority) in items)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{item.ItemId,-38} {item.Queue,-12} {priority,8:0.0} {item.Packet.Urgency,-8} {Amount(item.Packet),12} {item.DueAt:yyyy-MM-dd HH:mm} {item.Packet.DecisionNeeded}");
        }

        return text.ToString();
    }

    public static string ListJson(IReadOnlyList<(ReviewItem Item, double Priority)> items)
    {
        var array = new JsonArray();
        foreach (var (item, priority) in items)
        {
            var node = ToNode(item);
            node["priority"] = Math.Round(priority, 2);
            array.Add(node);
        }

        return array.ToJsonString(Indented) + Environment.NewLine;
    }

    public static string ItemJson(ReviewItem item) => ToNode(item).ToJsonString(Indented) + Environment.NewLine;

    public static string ItemText(ReviewItem item)
    {
        var p = item.Packet;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{item.ItemId}  [{item.Queue}]  {item.Status.ToString().ToLowerInvariant()}  level {(int)item.Level}  run {item.RunId}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Goal:       {p.Goal}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Decision:   {p.DecisionNeeded}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Amount:     {Amount(p)}   Urgency: {p.Urgency}   Confidence: {(p.Confidence is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "-")}");
        if (p.Analysis is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Analysis:   {p.Analysis}");
        }

        text.AppendLine("Options:");
        foreach (var option in p.Options)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {option.Label}: {option.ExpectedImpact}");
        }

        text.AppendLine("Evidence:");
        foreach (var evidence in p.Evidence)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {evidence.Source}: {evidence.Summary}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Action:     {item.ToolName} {item.ProposedAction}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Hash:       {item.ActionHash}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Due:        {item.DueAt:yyyy-MM-dd HH:mm:ss}Z   Human cost: {item.CostCurrency} {item.HumanCost:0.00}");
        if (item.DecidedAt is { } at)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Decided:    {item.Status.ToString().ToLowerInvariant()} by {item.DecidedBy} at {at:yyyy-MM-dd HH:mm:ss}Z{(item.Reason is null ? string.Empty : $": {item.Reason}")}");
        }

        if (item.ModifiedAction is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Modified:   {item.ModifiedAction}");
        }

        return text.ToString();
    }

    private static string Amount(EscalationPacket packet) =>
        packet.Amount is { } amount ? string.Create(CultureInfo.InvariantCulture, $"{packet.Currency} {amount:0.00}").Trim() : "-";

    private static JsonObject ToNode(ReviewItem item) => new()
    {
        ["id"] = item.ItemId,
        ["queue"] = item.Queue,
        ["run_id"] = item.RunId,
        ["decision_type"] = item.DecisionType,
        ["level"] = (int)item.Level,
        ["status"] = item.Status.ToString().ToLowerInvariant(),
        ["packet"] = JsonSerializer.SerializeToNode(item.Packet, JsonSerializerOptions.Web),
        ["tool"] = item.ToolName,
        ["proposed_action"] = JsonNode.Parse(item.ProposedAction),
        ["action_hash"] = item.ActionHash,
        ["created_at"] = item.CreatedAt,
        ["due_at"] = item.DueAt,
        ["human_cost"] = item.HumanCost,
        ["cost_currency"] = item.CostCurrency,
        ["decided_at"] = item.DecidedAt,
        ["decided_by"] = item.DecidedBy,
        ["reason"] = item.Reason,
        ["modified_action"] = item.ModifiedAction is null ? null : JsonNode.Parse(item.ModifiedAction),
        ["approved_action_hash"] = item.ApprovedActionHash,
    };
}
