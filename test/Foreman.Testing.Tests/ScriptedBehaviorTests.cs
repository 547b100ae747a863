using System.Text.Json;
using Foreman.Models;
using Microsoft.Extensions.AI;

namespace Foreman.Testing.Tests;

public sealed class ScriptedBehaviorTests
{
    [Fact]
    public async Task GetResponseAsync_ToolCallThenFinal_PlaysTheTurnsInOrder()
    {
        var client = new SimulatedChatClient(Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final("""{"ok":true}"""));
        var conversation = TestConversations.Ask("Where is A1?");

        var first = await client.GetResponseAsync(conversation, TestConversations.Options, CancellationToken.None);
        TestConversations.Append(conversation, first);
        var second = await client.GetResponseAsync(conversation, TestConversations.Options, CancellationToken.None);

        first.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        var call = first.Messages.Single().Contents.OfType<FunctionCallContent>().Single();
        call.Name.ShouldBe("lookup");
        call.Exception.ShouldBeNull();
        ((JsonElement)call.Arguments!["id"]!).GetString().ShouldBe("A1");
        TestConversations.Raw(call).ShouldBe("""{"id":"A1"}""");
        call.CallId.ShouldStartWith("call_");
        second.FinishReason.ShouldBe(ChatFinishReason.Stop);
        second.Text.ShouldBe("""{"ok":true}""");
        second.Messages.Single().Contents.OfType<FunctionCallContent>().ShouldBeEmpty();
    }

    [Fact]
    public async Task GetResponseAsync_ExplicitCallIdAndParallelCalls_AreReturnedAsScripted()
    {
        var client = new SimulatedChatClient(Script.ToolCalls(
            new SimulatedToolCall("lookup", """{"id":"A1"}""", "c-1"),
            new SimulatedToolCall("lookup", """{"id":"B2"}""", "c-2")));

        var response = await client.GetResponseAsync(TestConversations.Ask("A1 and B2?"), TestConversations.Options, CancellationToken.None);

        var calls = response.Messages.Single().Contents.OfType<FunctionCallContent>().ToList();
        calls.Select(c => c.CallId).ShouldBe(["c-1", "c-2"]);
        calls.Select(TestConversations.Raw).ShouldBe(["""{"id":"A1"}""", """{"id":"B2"}"""]);
    }

    [Fact]
    public async Task GetResponseAsync_TurnWithUsage_ReportsExactlyThatUsage()
    {
        var client = new SimulatedChatClient(Script.Final("done").WithUsage(1_000, 42));

        var response = await client.GetResponseAsync(TestConversations.Ask("hi"), cancellationToken: CancellationToken.None);

        response.Usage!.InputTokenCount.ShouldBe(1_000);
        response.Usage.OutputTokenCount.ShouldBe(42);
        response.Usage.TotalTokenCount.ShouldBe(1_042);
    }

    [Fact]
    public async Task GetResponseAsync_ScriptExhausted_ThrowsNamingTheScript()
    {
        var script = Script.Named("refund-flow").ToolCall("lookup", """{"id":"A1"}""").Then.Final("{}");
        var client = new SimulatedChatClient(script);
        await client.GetResponseAsync(TestConversations.Ask("a"), cancellationToken: CancellationToken.None);
        await client.GetResponseAsync(TestConversations.Ask("b"), cancellationToken: CancellationToken.None);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => client.GetResponseAsync(TestConversations.Ask("c"), cancellationToken: CancellationToken.None));

        error.Message.ShouldContain("'refund-flow'");
        error.Message.ShouldContain("exhausted");
        error.Message.ShouldContain("call 3");
        script.IsExhausted.ShouldBeTrue();
    }

    [Fact]
    public async Task GetResponseAsync_UnnamedScriptExhausted_StillSaysWhatRanOut()
    {
        var client = new SimulatedChatClient(new ScriptedBehavior());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => client.GetResponseAsync(TestConversations.Ask("a"), cancellationToken: CancellationToken.None));

        error.Message.ShouldContain("simulated-model script is exhausted");
    }

    [Fact]
    public async Task GetResponseAsync_InjectedFailure_DoesNotConsumeAScriptedTurn()
    {
        var script = Script.ToolCall("lookup", """{"id":"A1"}""").Then.Final("{}");
        var client = new SimulatedChatClient(script, new SimulatedChatClientOptions { Faults = new FaultInjection { RateLimitRate = 1 } });

        await Should.ThrowAsync<ModelCallException>(() => client.GetResponseAsync(TestConversations.Ask("a"), cancellationToken: CancellationToken.None));
        client.Faults = FaultInjection.None;
        var retried = await client.GetResponseAsync(TestConversations.Ask("a"), cancellationToken: CancellationToken.None);

        retried.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        script.Remaining.ShouldBe(1);
    }

    [Fact]
    public void Builders_CountRemainingAndReset()
    {
        var script = Script.Of(SimulatedTurn.CallTool("lookup"), SimulatedTurn.Final("x")).Then.Final("y");
        var context = new SimulationTurnContext(TestConversations.Ask("q"), null, "m", 1, 0);

        script.Count.ShouldBe(3);
        script.NextTurn(context).ToolCalls.Single().ArgumentsJson.ShouldBe("{}");
        script.Remaining.ShouldBe(2);
        script.Reset();
        script.Remaining.ShouldBe(3);
        Should.Throw<InvalidOperationException>(() => new ScriptedBehavior().WithUsage(1, 1));
        Should.Throw<ArgumentException>(() => SimulatedTurn.CallTools());
    }
}
