using System.Text.Json;
using Foreman.Autonomy;
using Foreman.Reviews;
using Foreman.Tools;

namespace Foreman.Reviews.Tests;

/// <summary>Builds review items for store-level tests.</summary>
internal static class Items
{
    public const string RefundSchema = """{"type":"object","properties":{"order_id":{"type":"string"},"amount":{"type":"number","exclusiveMinimum":0,"maximum":100}},"required":["order_id","amount"],"additionalProperties":false}""";

    public static ReviewItem New(string id, DateTimeOffset createdAt, decimal? amount = 10m, ReviewUrgency urgency = ReviewUrgency.Normal, string decisionType = "refund", string runId = "run_1", string queue = "finance")
    {
        var arguments = JsonSerializer.SerializeToElement(new { order_id = "B-1", amount = amount ?? 1m });
        return new ReviewItem
        {
            ItemId = id,
            Queue = queue,
            RunId = runId,
            DecisionType = decisionType,
            Level = AutonomyLevel.ProposalWithApproval,
            Packet = new EscalationPacket { Goal = "Refund", DecisionNeeded = "Refund?", Amount = amount, Urgency = urgency },
            ToolName = "issue_refund",
            ProposedAction = arguments.GetRawText(),
            ActionHash = ActionHash.Compute("issue_refund", arguments),
            ActionSchema = RefundSchema,
            CreatedAt = createdAt,
            DueAt = createdAt.AddHours(24),
            HumanCost = 4.70m,
            CostCurrency = "EUR",
        };
    }
}
