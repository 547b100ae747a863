using System.Text.Json;
using Foreman.Agents;
using Foreman.Testing;
using Foreman.Tools;
using Microsoft.Extensions.AI;

namespace Foreman.Tests.Agents;

public sealed class AgentRuntimeHappyPathTests
{
    [Fact]
    public async Task RunAsync_ToolCallThenValidAnswer_SucceedsWithValidatedOutput()
    {
        var lookup = ToolProbe.Lookup();
        using var harness = new AgentHarness(Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer("A1", "shipped")));

        var result = await harness.RunAsync(TestAgents.Create(lookup.Tool));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        result.StopReason.ShouldBe(StopReason.Completed);
        result.AgentName.ShouldBe("order-support");
        result.Model.ShouldBe(TestAgents.ModelId);
        result.Output.ShouldNotBeNull();
        result.Output.Value.GetProperty("order_id").GetString().ShouldBe("A1");
        result.Output.Value.GetProperty("status").GetString().ShouldBe("shipped");
        result.Text.ShouldBe(TestAgents.Answer("A1", "shipped"));
        result.OutputProblems.ShouldBeEmpty();
        result.BudgetAlerts.ShouldBeEmpty();
        lookup.CalledIds.ShouldBe(["A1"]);
    }

    [Fact]
    public async Task RunAsync_ReportedUsage_TokensAndCostFollowTheCatalogPricesOfTheModel()
    {
        // simulated-standard costs 2.50 per million prompt tokens and 10.00 per million completion tokens.
        var script = Script.ToolCall("lookup", """{"id":"A1"}""").WithUsage(100, 20)
            .Then.Final(TestAgents.Answer()).WithUsage(150, 30);
        using var harness = new AgentHarness(script);

        var result = await harness.RunAsync(TestAgents.Create(ToolProbe.Lookup().Tool));

        result.Usage.ModelCalls.ShouldBe(2);
        result.Usage.ToolCalls.ShouldBe(1);
        result.Usage.PromptTokens.ShouldBe(250);
        result.Usage.CompletionTokens.ShouldBe(50);
        result.Usage.TotalTokens.ShouldBe(300);
        result.ModelCalls.Select(c => c.Cost).ShouldBe([0.00045m, 0.000675m]);
        result.Usage.Cost.ShouldBe(0.001125m);
        result.Usage.RetryCost.ShouldBe(0m);
        result.Usage.Currency.ShouldBe("USD");
        result.ModelCalls.ShouldAllBe(c => c.Model == TestAgents.ModelId && !c.IsRetry);
    }

    [Fact]
    public async Task RunAsync_ToolTakesFiveSecondsOnTheFakeClock_ModelCallTimestampsAndDurationsComeFromTheClock()
    {
        using var harness = new AgentHarness(Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final(TestAgents.Answer()));
        var slow = new ToolProbe("lookup", (invocation, _) =>
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(5));
            return ValueTask.FromResult(ToolProbe.OrderFor(invocation.Arguments));
        });

        var result = await harness.RunAsync(TestAgents.Create(slow.Tool));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        result.ModelCalls.Select(c => c.Timestamp).ShouldBe([harness.Clock.Start, harness.Clock.Start.AddSeconds(5)]);
        result.Trail.ShouldHaveSingleItem().StartedAt.ShouldBe(harness.Clock.Start);
        result.Trail[0].Duration.ShouldBe(TimeSpan.FromSeconds(5));
        result.Duration.ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RunAsync_ToolCall_TrailRecordsTheCallAndTheModelReceivesItsResult()
    {
        using var harness = new AgentHarness(Script.ToolCall("lookup", """{"id":"A1"}""", callId: "call_1").Then.Final(TestAgents.Answer()));

        var result = await harness.RunAsync(TestAgents.Create(ToolProbe.Lookup().Tool), input: "Where is order A1?");

        var entry = result.Trail.ShouldHaveSingleItem();
        entry.Sequence.ShouldBe(1);
        entry.CallId.ShouldBe("call_1");
        entry.ToolName.ShouldBe("lookup");
        entry.Arguments.GetProperty("id").GetString().ShouldBe("A1");
        entry.IsSuccess.ShouldBeTrue();
        entry.Attempts.ShouldBe(1);
        entry.Result.GetProperty("status").GetString().ShouldBe("shipped");
        entry.IdempotencyKey.ShouldBe($"{result.RunId}:1");

        harness.Requests.Count.ShouldBe(2);
        var toolMessage = harness.Requests[1].Last;
        toolMessage.Role.ShouldBe(ChatRole.Tool);
        var toolResult = toolMessage.Contents.OfType<FunctionResultContent>().ShouldHaveSingleItem();
        toolResult.CallId.ShouldBe("call_1");
        JsonElement.Parse(toolResult.Result!.ToString()!).GetProperty("status").GetString().ShouldBe("shipped");
    }

    [Fact]
    public async Task RunAsync_FirstRequest_OffersTheToolsAndTheOutputSchemaWithTheUserInput()
    {
        using var harness = new AgentHarness(Script.Final(TestAgents.Answer()));

        await harness.RunAsync(TestAgents.Create(ToolProbe.Lookup().Tool, ToolProbe.Lookup("list_orders").Tool), input: "Where is order A1?");

        var request = harness.Requests.ShouldHaveSingleItem();
        request.ModelId.ShouldBe(TestAgents.ModelId);
        request.ToolNames.ShouldBe(["lookup", "list_orders"]);
        request.ToolMode.ShouldBe(ChatToolMode.Auto);
        request.ResponseFormat.ShouldBeOfType<ChatResponseFormatJson>().Schema.ShouldNotBeNull();
        request.Messages[0].Role.ShouldBe(ChatRole.System);
        request.Messages[0].Text.ShouldContain("You answer questions about customer orders.");
        request.Messages[0].Text.ShouldContain("\"order_id\"");
        request.Messages[1].Role.ShouldBe(ChatRole.User);
        request.Messages[1].Text.ShouldBe("Where is order A1?");
        harness.Provider.RequestedModels.ShouldBe([TestAgents.ModelId]);
    }

    [Fact]
    public async Task RunAsync_RequestWithRunIdAndIdempotencyPrefix_ToolsReceiveKeysBuiltFromThePrefix()
    {
        var keys = new List<string>();
        var runIds = new List<string>();
        var tool = new ToolProbe("lookup", (invocation, _) =>
        {
            keys.Add(invocation.IdempotencyKey);
            runIds.Add(invocation.RunId);
            return ValueTask.FromResult(ToolProbe.OrderFor(invocation.Arguments));
        });
        using var harness = new AgentHarness(Script.ToolCall("lookup", """{"id":"A1"}""").Then.ToolCall("lookup", """{"id":"B2"}""").Then.Final(TestAgents.Answer()));

        var result = await harness.RunAsync(TestAgents.Create(tool.Tool), new AgentRequest("Where are A1 and B2?") { RunId = "run-42", IdempotencyPrefix = "wf-7/step-3" });

        result.RunId.ShouldBe("run-42");
        keys.ShouldBe(["wf-7/step-3:1", "wf-7/step-3:2"]);
        runIds.ShouldBe(["run-42", "run-42"]);
    }

    [Fact]
    public async Task RunAsync_FreeTextAgentWithoutSchema_SucceedsWithTextAndNoOutput()
    {
        var options = TestAgents.Options();
        options.OutputSchema = null;
        using var harness = new AgentHarness(Script.Final("Your order A1 has shipped."));

        var result = await harness.RunAsync(Agent.Create(options));

        result.Status.ShouldBe(AgentStatus.Succeeded);
        result.Text.ShouldBe("Your order A1 has shipped.");
        result.Output.ShouldBeNull();
        harness.Requests.ShouldHaveSingleItem().ResponseFormat.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_AgentWithoutTools_OffersNoTools()
    {
        using var harness = new AgentHarness(Script.Final(TestAgents.Answer()));

        await harness.RunAsync(TestAgents.Create());

        var request = harness.Requests.ShouldHaveSingleItem();
        request.ToolNames.ShouldBeEmpty();
        request.ToolMode.ShouldBeNull();
    }
}
