using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Foreman.Agents;
using Foreman.Guardrails;
using Foreman.Models;
using Foreman.Schema;
using Foreman.Testing;
using Foreman.Tools;

namespace Foreman.Samples.Refunds;

/// <summary>
/// Proposes a refund. Reading the order is free; issuing the refund is a destructive tool that requires a
/// human's approval bound to the exact amount, so with the default gate the run stops as needs-human.
/// </summary>
public static partial class RefundAgent
{
    /// <summary>The agent's instructions, written for a real model.</summary>
    public const string Instructions = """
        You handle refund requests. Read the order with get_order. If the order was delivered less than 30 days
        ago and the customer asks for a refund, call issue_refund for the order total, with a one-line reason.
        Never refund more than the order total. Then answer with the outcome and your confidence (0 to 1).
        """;

    private const string OutputSchema = """
        {
          "type": "object",
          "properties": {
            "order_id": { "type": "string" },
            "refunded_amount": { "type": "number", "minimum": 0 },
            "outcome": { "enum": ["refunded", "refused", "needs_review"] },
            "confidence": { "type": "number", "minimum": 0, "maximum": 1 }
          },
          "required": ["order_id", "refunded_amount", "outcome", "confidence"],
          "additionalProperties": false
        }
        """;

    private static readonly ConcurrentDictionary<string, decimal> Ledger = new(StringComparer.Ordinal);

    /// <summary>Gets the sample.</summary>
    public static SampleAgent Sample { get; } = new(
        "refund-agent",
        "Proposes a refund; the destructive refund tool waits for a human's approval bound to the exact action.",
        Build,
        Play,
        """
        Order B-2201 arrived broken (the glass is shattered). Please refund me.
        """);

    /// <summary>Gets refunds issued, keyed by the idempotency key the tool received (so a retry never pays twice).</summary>
    public static IReadOnlyDictionary<string, decimal> IssuedRefunds => Ledger;

    /// <summary>Builds the agent.</summary>
    /// <returns>The agent.</returns>
    public static Agent Build()
    {
        var options = new AgentOptions
        {
            Name = "refund-agent",
            Instructions = Instructions,
            Tier = ModelTier.Standard,
            OutputSchema = JsonSchema.Parse(OutputSchema),
            AllowedEffects = ToolEffect.Read | ToolEffect.Destructive,
        };
        options.Tools.Add(GetOrder);
        options.Tools.Add(IssueRefund);
        options.GroundedFields.Add(new GroundedField("/order_id"));
        options.InputGuardrails.Add(new PromptInjectionGuardrail());
        return Agent.Create(options);
    }

    private static readonly ForemanTool GetOrder = Tool.Create(
        "get_order",
        "Reads an order (id format B-0000): items, total, currency, delivery date.",
        """{"type":"object","properties":{"order_id":{"type":"string","pattern":"^B-[0-9]{4}$"}},"required":["order_id"],"additionalProperties":false}""",
        (invocation, _) =>
        {
            var id = invocation.Arguments.GetProperty("order_id").GetString()!;
            return id == "B-2201"
                ? ValueTask.FromResult(JsonSerializer.SerializeToElement(new { order_id = id, items = new[] { "Glass carafe 1.2 l" }, total = 39.90m, currency = "EUR", delivered_on = "2026-11-18" }))
                : throw new ToolException($"Order {id} was not found.");
        });

    private static readonly ForemanTool IssueRefund = Tool.Create(
        "issue_refund",
        "Refunds money to the customer's original payment method. Irreversible.",
        """{"type":"object","properties":{"order_id":{"type":"string","pattern":"^B-[0-9]{4}$"},"amount":{"type":"number","exclusiveMinimum":0,"maximum":5000},"reason":{"type":"string","minLength":3,"maxLength":200}},"required":["order_id","amount","reason"],"additionalProperties":false}""",
        (invocation, _) =>
        {
            // The idempotency key makes a replayed or retried call a no-op instead of a second payment.
            var amount = invocation.Arguments.GetProperty("amount").GetDecimal();
            var recorded = Ledger.GetOrAdd(invocation.IdempotencyKey, amount);
            return ValueTask.FromResult(JsonSerializer.SerializeToElement(new { refunded = recorded, idempotency_key = invocation.IdempotencyKey }));
        },
        new ToolOptions { Effect = ToolEffect.Destructive, Idempotent = false, RequiresApproval = true });

    private static SimulatedTurn Play(SimulationTurnContext context)
    {
        var request = SimulatedPlay.Request(context);
        var results = SimulatedPlay.SuccessfulResults(context);
        var orderId = OrderId().Match(request).Value;
        if (!results.TryGetValue("get_order", out var order))
        {
            return SimulatedPlay.Call("get_order", new { order_id = orderId });
        }

        if (!results.TryGetValue("issue_refund", out var refund))
        {
            return SimulatedPlay.Call("issue_refund", new { order_id = orderId, amount = order.GetProperty("total").GetDecimal(), reason = "Item arrived broken" });
        }

        return SimulatedPlay.Answer(new { order_id = orderId, refunded_amount = refund.GetProperty("refunded").GetDecimal(), outcome = "refunded", confidence = 0.9 });
    }

    [GeneratedRegex(@"\bB-[0-9]{4}\b", RegexOptions.None, 200)]
    private static partial Regex OrderId();
}
