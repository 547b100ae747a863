using System.Text.Json;
using Foreman.Agents;
using Foreman.Testing;
using Foreman.Tools;

namespace Foreman.Tests.Agents;

/// <summary>The permission policy and the approval gate stand even when the model asks for the dangerous thing.</summary>
public sealed class AgentRuntimePermissionTests
{
    private const string RefundSchema = """
        {"type":"object","properties":{"id":{"type":"string"},"amount":{"type":"number"}},"required":["id","amount"],"additionalProperties":false}
        """;

    private static ToolProbe Refund() => new(
        "refund",
        (invocation, _) => ValueTask.FromResult(JsonElement.Parse("""{"refunded":true}""")),
        new ToolOptions { Effect = ToolEffect.Write, Idempotent = false, RequiresApproval = true },
        RefundSchema);

    private static Agent RefundAgent(ToolProbe refund)
    {
        var options = TestAgents.Options(ToolProbe.Lookup().Tool, refund.Tool);
        options.AllowedEffects = ToolEffect.Read | ToolEffect.Write;
        return Agent.Create(options);
    }

    [Fact]
    public async Task RunAsync_ReadOnlyAgentCallsDestructiveTool_BlockedNeverRunAndNotOffered()
    {
        var lookup = ToolProbe.Lookup();
        var delete = new ToolProbe("delete_order", options: new ToolOptions { Effect = ToolEffect.Destructive, Idempotent = true });
        var options = TestAgents.Options(lookup.Tool, delete.Tool);
        options.AllowedEffects = ToolEffect.Read;
        var agent = Agent.Create(options);
        var script = Script.ToolCall("delete_order", """{"id":"A1"}""", callId: "call_delete").Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(agent);

        delete.Calls.ShouldBeEmpty();
        var blocked = result.BlockedCalls.ShouldHaveSingleItem();
        blocked.ToolName.ShouldBe("delete_order");
        blocked.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.PermissionDenied);
        blocked.Attempts.ShouldBe(0);
        harness.Requests[0].ToolNames.ShouldBe(["lookup"]);
        harness.Requests[1].ToolResults["call_delete"].ShouldContain("permission_denied");
        agent.Warnings.ShouldHaveSingleItem().ShouldContain("delete_order");
    }

    [Fact]
    public async Task RunAsync_ToolRequiresApprovalAndNobodyDecided_NeedsHumanWithPendingActionAndToolNotRun()
    {
        var refund = Refund();
        var script = Script.ToolCall("refund", """{"id":"A1","amount":25}""").Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(RefundAgent(refund));

        result.Status.ShouldBe(AgentStatus.NeedsHuman);
        result.StopReason.ShouldBe(StopReason.ApprovalRequired);
        refund.Calls.ShouldBeEmpty();
        var pending = result.PendingApproval.ShouldNotBeNull();
        pending.ToolName.ShouldBe("refund");
        pending.RunId.ShouldBe(result.RunId);
        pending.AgentName.ShouldBe("order-support");
        pending.Effect.ShouldBe(ToolEffect.Write);
        pending.Arguments.GetProperty("amount").GetInt32().ShouldBe(25);
        pending.ActionHash.ShouldBe(ActionHash.Compute("refund", JsonElement.Parse("""{"amount":25,"id":"A1"}""")));
        result.ModelCalls.Count.ShouldBe(1);
        script.Remaining.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_GateApprovesTheExactAction_ToolRunsOnceAndRunSucceeds()
    {
        var refund = Refund();
        var gate = new ApprovingGate();
        var script = Script.ToolCall("refund", """{"id":"A1","amount":25}""").Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script, configure: o => o.ApprovalGate = gate);

        var result = await harness.RunAsync(RefundAgent(refund));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        refund.Calls.Count.ShouldBe(1);
        var request = gate.Requests.ShouldHaveSingleItem();
        request.ToolName.ShouldBe("refund");
        request.ActionHash.ShouldBe(ActionHash.Compute("refund", JsonElement.Parse("""{"id":"A1","amount":25}""")));
        result.PendingApproval.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_GateApprovesADifferentAction_ToolNotRun()
    {
        var refund = Refund();
        var otherAction = ActionHash.Compute("refund", JsonElement.Parse("""{"id":"A1","amount":5}"""));
        var script = Script.ToolCall("refund", """{"id":"A1","amount":25}""").Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script, configure: o => o.ApprovalGate = new ApprovingGate(otherAction));

        var result = await harness.RunAsync(RefundAgent(refund));

        refund.Calls.ShouldBeEmpty();
        result.Trail[0].Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.PermissionDenied);
    }
}
