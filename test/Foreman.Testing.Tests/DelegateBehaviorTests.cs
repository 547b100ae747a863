using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Foreman.Testing.Tests;

public sealed partial class DelegateBehaviorTests
{
    /// <summary>A plausible model: look the id in the user message up, then answer from the tool result.</summary>
    private static SimulatedTurn LookupThenAnswer(SimulationTurnContext context)
    {
        if (context.GetLastToolResult("lookup") is { } result)
        {
            using var json = JsonDocument.Parse(SimulationTurnContext.GetResultText(result));
            var status = json.RootElement.GetProperty("status").GetString();
            return SimulatedTurn.Final($$"""{"status":"{{status}}","turn":{{context.Turn}}}""");
        }

        var id = OrderId().Match(context.LastUserText ?? string.Empty).Value;
        return SimulatedTurn.CallTool("lookup", $$"""{"id":"{{id}}"}""");
    }

    [Fact]
    public async Task GetResponseAsync_DelegateBehavior_SeesToolResultsAndAnswersFromThem()
    {
        var client = new SimulatedChatClient(LookupThenAnswer);
        var conversation = TestConversations.Ask("Where is order Q-7731?");

        var first = await client.GetResponseAsync(conversation, TestConversations.Options, CancellationToken.None);
        var call = first.Messages.Single().Contents.OfType<FunctionCallContent>().Single();
        TestConversations.Append(conversation, first);
        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, JsonDocument.Parse("""{"status":"delayed"}""").RootElement.Clone())]));
        var second = await client.GetResponseAsync(conversation, TestConversations.Options, CancellationToken.None);

        TestConversations.Raw(call).ShouldBe("""{"id":"Q-7731"}""");
        second.Text.ShouldBe("""{"status":"delayed","turn":2}""");
    }

    [Fact]
    public async Task Context_ExposesToolsTurnCallNumberAndLastResults()
    {
        SimulationTurnContext? seen = null;
        var client = new SimulatedChatClient(ctx =>
        {
            seen = ctx;
            return SimulatedTurn.Final("ok");
        });
        await client.GetResponseAsync(TestConversations.Ask("warm-up"), cancellationToken: CancellationToken.None);

        await client.GetResponseAsync(TestConversations.AfterLookup(), TestConversations.Options, CancellationToken.None);

        seen.ShouldNotBeNull();
        seen.CallNumber.ShouldBe(2);
        seen.Turn.ShouldBe(2);
        seen.ModelId.ShouldBe(SimulatedChatClient.DefaultModelId);
        seen.Tools.Select(t => t.Name).ShouldBe(["lookup", "refund"]);
        seen.HasTool("refund").ShouldBeTrue();
        seen.HasTool("delete_everything").ShouldBeFalse();
        seen.TryGetToolSchema("lookup", out var schema).ShouldBeTrue();
        schema.GetProperty("required")[0].GetString().ShouldBe("id");
        seen.LastToolResults.Single().CallId.ShouldBe("call_prev");
        seen.GetToolName(seen.LastToolResults[0]).ShouldBe("lookup");
        seen.LastUserText.ShouldBe("Where is order A0?");
    }

    [Fact]
    public void Context_ConversationEndingWithUserMessage_HasNoLastToolResults()
    {
        var context = new SimulationTurnContext(TestConversations.Ask("hello"), null, "m", 1, 7);

        context.LastToolResults.ShouldBeEmpty();
        context.Turn.ShouldBe(1);
        context.Tools.ShouldBeEmpty();
    }

    [Fact]
    public async Task Context_Random_IsTheSameForTheSameSeedAndConversation()
    {
        static async Task<int[]> DrawAsync(int seed, string question)
        {
            int[] drawn = [];
            var client = new SimulatedChatClient(
                ctx =>
                {
                    drawn = [.. Enumerable.Range(0, 8).Select(_ => ctx.Random.Next(1_000_000))];
                    return SimulatedTurn.Final("ok");
                },
                new SimulatedChatClientOptions { Seed = seed });
            await client.GetResponseAsync(TestConversations.Ask(question), cancellationToken: CancellationToken.None);
            return drawn;
        }

        var first = await DrawAsync(1, "q");
        (await DrawAsync(1, "q")).ShouldBe(first);
        (await DrawAsync(2, "q")).ShouldNotBe(first);
        (await DrawAsync(1, "another question")).ShouldNotBe(first);
    }

    [Fact]
    public async Task GetResponseAsync_DelegateReturnsNull_ThrowsInvalidOperation()
    {
        var client = new SimulatedChatClient(_ => null!);

        await Should.ThrowAsync<InvalidOperationException>(() => client.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None));
    }

    [GeneratedRegex(@"[A-Z]-\d+")]
    private static partial Regex OrderId();

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task ToolsAllowed_FollowsTheToolMode(bool auto, bool expected)
    {
        bool? seen = null;
        var client = new SimulatedChatClient(context =>
        {
            seen = context.ToolsAllowed;
            return SimulatedTurn.Final("ok");
        });
        var tool = AIFunctionFactory.CreateDeclaration("lookup", "Reads.", JsonDocument.Parse("""{"type":"object"}""").RootElement);
        var options = new ChatOptions { Tools = [tool], ToolMode = auto ? ChatToolMode.Auto : ChatToolMode.None };

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], options);

        seen.ShouldBe(expected);
    }
}
