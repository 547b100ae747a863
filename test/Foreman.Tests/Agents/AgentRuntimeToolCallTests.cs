using System.Text.Json;
using Foreman.Agents;
using Foreman.Testing;
using Foreman.Tools;
using Microsoft.Extensions.AI;

namespace Foreman.Tests.Agents;

/// <summary>How the loop feeds tool-call mistakes back to the model, and when it stops instead.</summary>
public sealed class AgentRuntimeToolCallTests
{
    [Fact]
    public async Task RunAsync_HallucinatedToolName_StructuredErrorListsRealToolsAndModelCorrects()
    {
        var lookup = ToolProbe.Lookup();
        var list = ToolProbe.Lookup("list_orders");
        var script = Script.ToolCall("find_order_status", """{"id":"A1"}""", callId: "call_bad")
            .Then.ToolCall("lookup", """{"id":"A1"}""")
            .Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(TestAgents.Create(lookup.Tool, list.Tool));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        result.Trail.Count.ShouldBe(2);
        result.Trail[0].ToolName.ShouldBe("find_order_status");
        result.Trail[0].Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.UnknownTool);
        result.Trail[0].Attempts.ShouldBe(0);
        result.Trail[1].IsSuccess.ShouldBeTrue();
        lookup.CalledIds.ShouldBe(["A1"]);
        list.Calls.ShouldBeEmpty();

        // What the model read after its mistake: a JSON error naming every real tool.
        var fedBack = harness.Requests[1].ToolResults["call_bad"];
        using var error = JsonDocument.Parse(fedBack);
        var body = error.RootElement.GetProperty("error");
        body.GetProperty("kind").GetString().ShouldBe("unknown_tool");
        body.GetProperty("details").GetProperty("available_tools").EnumerateArray().Select(e => e.GetString()).ShouldBe(["lookup", "list_orders"]);
        body.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("lookup");
    }

    [Fact]
    public async Task RunAsync_CorrectionAfterHallucinatedTool_IsCountedAsRetryCost()
    {
        var script = Script.ToolCall("find_order", """{"id":"A1"}""").WithUsage(100, 10)
            .Then.ToolCall("lookup", """{"id":"A1"}""").WithUsage(200, 10)
            .Then.Final(TestAgents.Answer()).WithUsage(300, 10);
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(TestAgents.Create(ToolProbe.Lookup().Tool));

        result.ModelCalls.Select(c => c.IsRetry).ShouldBe([false, true, false]);
        result.Usage.RetryCost.ShouldBe(result.ModelCalls[1].Cost);
        result.Usage.RetryCost.ShouldBeGreaterThan(0m);
    }

    [Fact]
    public async Task RunAsync_MalformedArgumentJson_ErrorFedBackToolNotRunModelCorrects()
    {
        var lookup = ToolProbe.Lookup();
        var script = Script.ToolCall("lookup", """{"id": "A1" """, callId: "call_bad")
            .Then.ToolCall("lookup", """{"id":"A1"}""")
            .Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(TestAgents.Create(lookup.Tool));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        var bad = result.Trail[0];
        bad.Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        bad.RawArguments.ShouldBe("""{"id": "A1" """);
        bad.Arguments.ValueKind.ShouldBe(JsonValueKind.Undefined);
        lookup.CalledIds.ShouldBe(["A1"]);
        using var fedBack = JsonDocument.Parse(harness.Requests[1].ToolResults["call_bad"]);
        fedBack.RootElement.GetProperty("error").GetProperty("kind").GetString().ShouldBe("invalid_arguments");
        fedBack.RootElement.GetProperty("error").GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("not valid JSON");
    }

    [Fact]
    public async Task RunAsync_ArgumentsMissingARequiredProperty_ErrorFedBackToolNotRun()
    {
        var lookup = ToolProbe.Lookup();
        var script = Script.ToolCall("lookup", """{"order":"A1"}""", callId: "call_bad")
            .Then.ToolCall("lookup", """{"id":"A1"}""")
            .Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(TestAgents.Create(lookup.Tool));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        result.Trail[0].Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        lookup.CalledIds.ShouldBe(["A1"]);
        harness.Requests[1].ToolResults["call_bad"].ShouldContain("id");
    }

    // Needs full JSON Schema semantics: fails on the old required-only placeholder validator.
    [Fact]
    public async Task RunAsync_ArgumentOfTheWrongType_ErrorFedBackToolNotRun()
    {
        var lookup = ToolProbe.Lookup();
        var script = Script.ToolCall("lookup", """{"id":17}""", callId: "call_bad")
            .Then.ToolCall("lookup", """{"id":"A17"}""")
            .Then.Final(TestAgents.Answer("A17"));
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(TestAgents.Create(lookup.Tool));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        result.Trail[0].Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        lookup.CalledIds.ShouldBe(["A17"]);
        harness.Requests[1].ToolResults["call_bad"].ShouldContain("invalid_arguments");
    }

    // Needs full JSON Schema semantics ("pattern"): fails on the old required-only placeholder validator.
    [Fact]
    public async Task RunAsync_ArgumentFailingThePattern_ToolNotRun()
    {
        var lookup = ToolProbe.Lookup();
        var script = Script.ToolCall("lookup", """{"id":"a1; DROP TABLE orders"}""")
            .Then.ToolCall("lookup", """{"id":"A1"}""")
            .Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(TestAgents.Create(lookup.Tool));

        result.Trail[0].Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.InvalidArguments);
        lookup.CalledIds.ShouldBe(["A1"]);
    }

    [Fact]
    public async Task RunAsync_RepeatedIdenticalCall_LoopDetectedAndToolRanOnce()
    {
        var lookup = ToolProbe.Lookup();
        var script = Script.ToolCall("lookup", """{"id":"A1"}""")
            .Then.ToolCall("lookup", """{ "id" : "A1" }""")
            .Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(TestAgents.Create(lookup.Tool));

        result.Status.ShouldBe(AgentStatus.Failed);
        result.StopReason.ShouldBe(StopReason.LoopDetected);
        result.StopDetail.ShouldContain("lookup");
        lookup.Calls.Count.ShouldBe(1);
        result.Trail.Count.ShouldBe(2);
        result.Trail[1].Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.RepeatedCall);
        result.Trail[1].Attempts.ShouldBe(0);
        result.ModelCalls.Count.ShouldBe(2);
        script.Remaining.ShouldBe(1);
        result.Output.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_SimulatedModelRepeatsItsPreviousCall_LoopDetected()
    {
        var lookup = ToolProbe.Lookup();
        var script = Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script, FaultInjection.None with { RepeatedCallRate = 1 });

        var result = await harness.RunAsync(TestAgents.Create(lookup.Tool));

        result.StopReason.ShouldBe(StopReason.LoopDetected);
        lookup.Calls.Count.ShouldBe(1);
        harness.Model.Log[1].Has(InjectedFaults.RepeatedCall).ShouldBeTrue();
    }

    [Fact]
    public async Task RunAsync_SameCallAThirdTimeAcrossTurns_LoopDetectedAfterTwoRuns()
    {
        var lookup = ToolProbe.Lookup();
        SimulatedToolCall[] both = [new("lookup", """{"id":"A1"}"""), new("lookup", """{"id":"B2"}""")];
        var script = Script.ToolCalls(both).Then.ToolCalls(both).Then.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(TestAgents.Create(lookup.Tool));

        result.StopReason.ShouldBe(StopReason.LoopDetected);
        lookup.CalledIds.ShouldBe(["A1", "B2", "A1", "B2"]);
        result.Trail[^1].Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.RepeatedCall);
    }

    [Fact]
    public async Task RunAsync_ParallelToolCalls_EachRunsAndEachIsAnswered()
    {
        var lookup = ToolProbe.Lookup();
        var script = Script.ToolCalls(new SimulatedToolCall("lookup", """{"id":"A1"}""", "c1"), new SimulatedToolCall("lookup", """{"id":"B2"}""", "c2"))
            .Then.Final(TestAgents.Answer());
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(TestAgents.Create(lookup.Tool));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        lookup.CalledIds.ShouldBe(["A1", "B2"]);
        result.Trail.Select(t => t.Sequence).ShouldBe([1, 2]);
        harness.Requests[1].ToolResults.Keys.ShouldBe(["c1", "c2"], ignoreOrder: true);
        harness.Requests[1].Messages.Count(m => m.Role == ChatRole.Tool).ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_ToolThrows_FailureFedBackAndRunContinues()
    {
        var flaky = new ToolProbe("lookup", (_, _) => throw new ToolException("The order service is down for maintenance.", retryable: false));
        var script = Script.ToolCall("lookup", """{"id":"A1"}""", callId: "call_1").Then.Final(TestAgents.Answer("A1", "pending"));
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(TestAgents.Create(flaky.Tool));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        result.Trail[0].Error.ShouldNotBeNull().Kind.ShouldBe(ToolErrorKind.Failed);
        harness.Requests[1].ToolResults["call_1"].ShouldContain("down for maintenance");
    }
}
