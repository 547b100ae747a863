using Microsoft.Extensions.AI;

namespace Foreman.Testing.Tests;

public sealed class SimulatedChatClientTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetResponseAsync_Defaults_ReportModelIdResponseIdAndClockTime()
    {
        var clock = new FakeTimeProvider(Start);
        var client = new SimulatedChatClient(Script.Final("a").Then.Final("b"), new SimulatedChatClientOptions { TimeProvider = clock });

        var first = await client.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None);
        var second = await client.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None);

        first.ModelId.ShouldBe("simulated-standard");
        first.ResponseId.ShouldBe("sim-simulated-standard-1");
        second.ResponseId.ShouldBe("sim-simulated-standard-2");
        first.CreatedAt.ShouldBe(Start);
        first.Messages.Single().Role.ShouldBe(ChatRole.Assistant);
        client.CallCount.ShouldBe(2);
    }

    [Fact]
    public async Task GetResponseAsync_CustomModelId_IsReported()
    {
        var client = new SimulatedChatClient(Script.Final("a"), new SimulatedChatClientOptions { ModelId = "simulated-premium" });

        var response = await client.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None);

        response.ModelId.ShouldBe("simulated-premium");
        client.GetService<ChatClientMetadata>()!.DefaultModelId.ShouldBe("simulated-premium");
        client.GetService<SimulatedChatClient>().ShouldBeSameAs(client);
        client.GetService<ChatClientMetadata>("key").ShouldBeNull();
    }

    [Fact]
    public async Task GetResponseAsync_NoUsageGiven_EstimatesAboutFourCharactersPerToken()
    {
        var client = new SimulatedChatClient(Script.Final("12345678").Then.Final(new string('x', 400)));

        // "user" (4 characters) + "abcdefgh" (8) = 12 characters = 3 tokens.
        var small = await client.GetResponseAsync(TestConversations.Ask("abcdefgh"), cancellationToken: CancellationToken.None);
        var large = await client.GetResponseAsync(TestConversations.Ask(new string('y', 4_000)), TestConversations.Options, CancellationToken.None);

        small.Usage!.InputTokenCount.ShouldBe(3);
        small.Usage.OutputTokenCount.ShouldBe(2);
        large.Usage!.InputTokenCount!.Value.ShouldBeGreaterThan(1_001);
        large.Usage.OutputTokenCount.ShouldBe(100);
        large.Usage.TotalTokenCount.ShouldBe(large.Usage.InputTokenCount + 100);
    }

    [Fact]
    public async Task GetResponseAsync_SameConversationAndSeed_GivesTheSameCallIds()
    {
        static async Task<string> CallIdAsync(int seed)
        {
            var client = new SimulatedChatClient(Script.ToolCall("lookup", """{"id":"A1"}"""), new SimulatedChatClientOptions { Seed = seed });
            var response = await client.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None);
            return response.Messages[0].Contents.OfType<FunctionCallContent>().Single().CallId;
        }

        (await CallIdAsync(1)).ShouldBe(await CallIdAsync(1));
        (await CallIdAsync(1)).ShouldNotBe(await CallIdAsync(2), StringComparer.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SameSetup_SaysExactlyWhatGetResponseAsyncSays()
    {
        var faults = new FaultInjection { Seed = 3, MalformedArgumentsRate = 0.5, WrongAnswerRate = 0.5, RunawayTokenRate = 0.3 };
        ScriptedBehavior NewScript() => Script
            .ToolCall("lookup", """{"id":"A1","verbose":true}""").Then
            .ToolCalls(new SimulatedToolCall("lookup", """{"id":"B2"}"""), new SimulatedToolCall("refund", """{"id":"B2","amount":12.5}""")).Then
            .Final("""{"answer":"The order A1 shipped on time and B2 was refunded 12.50 EUR.","total":12.5}""");
        var plain = new SimulatedChatClient(NewScript(), new SimulatedChatClientOptions { Faults = faults });
        var streaming = new SimulatedChatClient(NewScript(), new SimulatedChatClientOptions { Faults = faults });
        var conversation = TestConversations.Ask("Check A1 and refund B2.");

        for (var turn = 0; turn < 3; turn++)
        {
            var expected = await plain.GetResponseAsync(conversation, TestConversations.Options, CancellationToken.None);
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in streaming.GetStreamingResponseAsync(conversation, TestConversations.Options, CancellationToken.None))
            {
                updates.Add(update);
            }

            var actual = updates.ToChatResponse();
            actual.Text.ShouldBe(expected.Text);
            actual.ResponseId.ShouldBe(expected.ResponseId);
            actual.ModelId.ShouldBe(expected.ModelId);
            actual.FinishReason.ShouldBe(expected.FinishReason);
            actual.Usage!.InputTokenCount.ShouldBe(expected.Usage!.InputTokenCount);
            actual.Usage.OutputTokenCount.ShouldBe(expected.Usage.OutputTokenCount);
            Describe(actual).ShouldBe(Describe(expected));
            updates[^1].FinishReason.ShouldBe(expected.FinishReason);
            if (expected.Text.Length > 16)
            {
                updates.Count(u => u.Text.Length > 0).ShouldBeGreaterThan(1);
            }

            TestConversations.Append(conversation, expected);
        }

        streaming.Log.Select(r => (r.Faults, r.Text)).ShouldBe(plain.Log.Select(r => (r.Faults, r.Text)));
        streaming.Log.ShouldAllBe(r => r.Streaming);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_InjectedFailure_ThrowsBeforeAnyUpdate()
    {
        var client = new SimulatedChatClient(Script.Final("x"), new SimulatedChatClientOptions { Faults = new FaultInjection { ServerErrorRate = 1 } });
        var received = 0;

        await Should.ThrowAsync<Foreman.Models.ModelCallException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None))
            {
                received++;
            }
        });

        received.ShouldBe(0);
    }

    [Fact]
    public async Task GetResponseAsync_Latency_IsWaitedThroughTheFakeClock()
    {
        var clock = new FakeTimeProvider(Start);
        var client = new SimulatedChatClient(Script.Final("x"), new SimulatedChatClientOptions
        {
            TimeProvider = clock,
            Faults = new FaultInjection { Latency = TimeSpan.FromSeconds(2) },
        });

        var call = client.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None);
        call.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));
        call.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));

        (await call).Text.ShouldBe("x");
        client.Log.Single().Latency.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task GetResponseAsync_LatencySpike_AddsTheSpikeAndIsLogged()
    {
        var clock = new FakeTimeProvider(Start);
        var client = new SimulatedChatClient(Script.Final("x"), new SimulatedChatClientOptions
        {
            TimeProvider = clock,
            Faults = new FaultInjection { Latency = TimeSpan.FromSeconds(1), LatencySpikeRate = 1, LatencySpike = TimeSpan.FromMinutes(5) },
        });

        var call = client.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        call.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));

        await call;
        client.Log.Single().Faults.ShouldBe(InjectedFaults.LatencySpike);
        client.Log.Single().Latency.ShouldBe(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task GetResponseAsync_CanceledDuringLatency_ThrowsAndConsumesNoTurn()
    {
        var clock = new FakeTimeProvider(Start);
        var script = Script.Final("x");
        var client = new SimulatedChatClient(script, new SimulatedChatClientOptions
        {
            TimeProvider = clock,
            Faults = new FaultInjection { Latency = TimeSpan.FromMinutes(1) },
        });
        using var cts = new CancellationTokenSource();

        var call = client.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: cts.Token);
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(call);
        script.Remaining.ShouldBe(1);
        await Should.ThrowAsync<OperationCanceledException>(() => client.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Log_KeepsOnlyTheMostRecentCallsUpToCapacity()
    {
        var client = new SimulatedChatClient(_ => SimulatedTurn.Final("x"), new SimulatedChatClientOptions { LogCapacity = 3 });

        for (var i = 0; i < 5; i++)
        {
            await client.GetResponseAsync(TestConversations.Ask("q"), cancellationToken: CancellationToken.None);
        }

        client.Log.Select(r => r.CallNumber).ShouldBe([3L, 4L, 5L]);
        client.ClearLog();
        client.Log.ShouldBeEmpty();
        client.CallCount.ShouldBe(5);
    }

    private static string Describe(ChatResponse response) => string.Join(
        "|",
        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .Select(c => $"{c.CallId}:{c.Name}:{TestConversations.Raw(c)}:{c.Exception is null}"));
}
