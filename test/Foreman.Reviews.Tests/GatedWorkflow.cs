using System.Collections.Concurrent;
using System.Text.Json;
using Foreman.Reviews;
using Foreman.Workflows;

namespace Foreman.Reviews.Tests;

/// <summary>A workflow that puts one refund through the gate and executes it (in a step) when allowed.</summary>
internal sealed class GatedWorkflow(ReviewGate gate, ConcurrentBag<string> executed) : Workflow<GatedInput, ReviewGateResult>
{
    public const string WorkflowName = "gated";

    public override string Name => WorkflowName;

    public override async Task<ReviewGateResult> RunAsync(WorkflowContext context, GatedInput input)
    {
        var arguments = JsonSerializer.SerializeToElement(new { order_id = "B-1", amount = input.Amount });
        var result = await gate.RequestAsync(context, new ReviewRequest
        {
            Queue = input.Queue,
            DecisionType = input.DecisionType,
            ToolName = "issue_refund",
            Arguments = arguments,
            ArgumentsSchema = Items.RefundSchema,
            Packet = new EscalationPacket { Goal = "Refund B-1", DecisionNeeded = $"Refund {input.Amount}?", Amount = input.Amount, Confidence = 0.9, Analysis = "Looks legitimate." },
        });
        if (result.MayExecute && result.Authorizes("issue_refund", JsonSerializer.Deserialize<JsonElement>(result.Arguments!)))
        {
            await context.StepAsync("execute", (_, _) =>
            {
                executed.Add(result.Arguments!);
                return Task.FromResult(true);
            });
        }

        return result;
    }
}
