using System.Text.Json;
using Foreman.Reviews;
using Foreman.Workflows;

namespace Foreman.Samples.Reviews;

/// <summary>
/// <c>refund-approval</c>: reads the order, proposes refunding its total, and puts the refund under the autonomy
/// policy. At level 2 it escalates to the <c>finance</c> queue with a packet and waits, durably, for a reviewer;
/// on approval (or a modified amount) it refunds exactly the approved arguments, checked against their hash.
/// </summary>
/// <param name="gate">The review gate (queues, policy, store).</param>
/// <param name="ledger">The payment system.</param>
public sealed class RefundApprovalWorkflow(ReviewGate gate, IRefundLedger ledger) : Workflow<RefundApprovalRequest, RefundApprovalResult>
{
    /// <summary>The registered name.</summary>
    public const string WorkflowName = "refund-approval";

    /// <summary>The queue refunds go to.</summary>
    public const string Queue = "finance";

    /// <summary>The decision type refunds are tracked by.</summary>
    public const string DecisionType = "refund";

    /// <summary>The refund action.</summary>
    public const string ToolName = "issue_refund";

    /// <summary>The refund's arguments schema; a reviewer's edits must satisfy it.</summary>
    public const string ArgumentsSchema = """{"type":"object","properties":{"order_id":{"type":"string","pattern":"^B-[0-9]{4}$"},"amount":{"type":"number","exclusiveMinimum":0,"maximum":5000},"reason":{"type":"string","minLength":3,"maxLength":200}},"required":["order_id","amount","reason"],"additionalProperties":false}""";

    /// <inheritdoc />
    public override string Name => WorkflowName;

    /// <summary>Creates the queues the sample uses: <c>finance</c> (24 h, then <c>finance-lead</c>) and <c>finance-lead</c> (48 h, then reject).</summary>
    /// <returns>The gate options.</returns>
    public static ReviewGateOptions CreateGateOptions()
    {
        var options = new ReviewGateOptions();
        options.Queues.Add(new ReviewQueueOptions { Name = Queue, Sla = TimeSpan.FromHours(24), OnTimeout = ReviewTimeoutAction.Escalate, EscalateTo = "finance-lead", HumanCostPerEscalation = 4.70m, Currency = "EUR" });
        options.Queues.Add(new ReviewQueueOptions { Name = "finance-lead", Sla = TimeSpan.FromHours(48), OnTimeout = ReviewTimeoutAction.Reject, HumanCostPerEscalation = 9.40m, Currency = "EUR" });
        return options;
    }

    /// <inheritdoc />
    public override async Task<RefundApprovalResult> RunAsync(WorkflowContext context, RefundApprovalRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var order = await context.StepAsync("get-order", (_, _) => Task.FromResult(SampleOrders.Find(input.OrderId)));
        if (order is null)
        {
            return new RefundApprovalResult("order_not_found", input.OrderId, null, null, null, null);
        }

        var arguments = JsonSerializer.SerializeToElement(new { order_id = order.OrderId, amount = order.Total, reason = "Item arrived broken" });
        var review = await gate.RequestAsync(context, new ReviewRequest
        {
            Queue = Queue,
            DecisionType = DecisionType,
            ToolName = ToolName,
            Arguments = arguments,
            ArgumentsSchema = ArgumentsSchema,
            Agent = "refund-agent",
            Packet = new EscalationPacket
            {
                Goal = $"Resolve the customer's refund request for order {order.OrderId}.",
                DecisionNeeded = $"Refund {order.Currency} {order.Total:0.00} to the original payment method?",
                Options =
                [
                    new ReviewOption($"Approve: refund {order.Currency} {order.Total:0.00}", $"{order.Currency} {order.Total:0.00} leaves the account; irreversible."),
                    new ReviewOption("Modify: refund a partial amount", "Edit 'amount' (0 < amount ≤ order total)."),
                    new ReviewOption("Reject", "No money moves; the customer is told the refund was refused."),
                ],
                Evidence =
                [
                    new ReviewEvidence("get_order", $"{order.Item}, {order.Currency} {order.Total:0.00}, delivered {order.DeliveredOn}", JsonSerializer.Serialize(order)),
                    new ReviewEvidence("customer", input.CustomerMessage),
                ],
                Confidence = 0.9,
                Amount = order.Total,
                Currency = order.Currency,
                Urgency = ReviewUrgency.High,
                Analysis = "Delivered within 30 days and reported broken: policy allows a full refund.",
            },
        });

        if (!review.MayExecute)
        {
            var outcome = review.Outcome switch
            {
                ReviewGateOutcome.Expired => "expired",
                ReviewGateOutcome.Rejected => "rejected",
                _ => "handed_over",
            };
            return new RefundApprovalResult(outcome, order.OrderId, null, review.ItemId, review.DecidedBy, null);
        }

        // Execute exactly what was approved, and prove it: the call must hash to the approved action.
        var approved = JsonSerializer.Deserialize<JsonElement>(review.Arguments!);
        if (!review.Authorizes(ToolName, approved))
        {
            throw new NonRetryableStepException("The refund about to run is not the approved action.");
        }

        var amount = approved.GetProperty("amount").GetDecimal();
        var reason = approved.GetProperty("reason").GetString()!;
        var refundId = await context.StepAsync("issue-refund", (step, ct) => ledger.RefundAsync(step.IdempotencyKey, order.OrderId, amount, reason, ct));
        return new RefundApprovalResult("refunded", order.OrderId, amount, review.ItemId, review.DecidedBy, refundId);
    }
}
