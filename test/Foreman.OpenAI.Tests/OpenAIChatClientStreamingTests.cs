using System.Text.Json;
using Foreman.Models;
using Foreman.OpenAI.Tests.Loopback;
using Microsoft.Extensions.AI;

namespace Foreman.OpenAI.Tests;

public sealed class OpenAIChatClientStreamingTests
{
    [Fact]
    public async Task GetStreamingResponseAsync_Text_ArrivesInPiecesWithFinalUsage()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Sse(
        [
            Completions.TextChunk("Hel"),
            Completions.TextChunk("lo, "),
            Completions.TextChunk("world", finishReason: "stop"),
            Completions.UsageChunk(prompt: 9, completion: 3),
        ]));
        using var client = TestEndpoints.Client(server);

        var updates = await client.GetStreamingResponseAsync("Hi").ToListAsync();

        updates.Select(u => u.Text).Where(t => t.Length > 0).ShouldBe(["Hel", "lo, ", "world"]);
        updates.ShouldAllBe(u => u.ResponseId == "chatcmpl-stream" && u.Role == ChatRole.Assistant);
        var usage = updates.Last().Contents.OfType<UsageContent>().ShouldHaveSingleItem().Details;
        usage.InputTokenCount.ShouldBe(9);
        usage.OutputTokenCount.ShouldBe(3);
        usage.TotalTokenCount.ShouldBe(12);

        var response = updates.ToChatResponse();
        response.Text.ShouldBe("Hello, world");
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        response.ModelId.ShouldBe("test-model");
        response.Usage!.TotalTokenCount.ShouldBe(12);

        var body = server.Requests.ShouldHaveSingleItem().Json;
        body.GetProperty("stream").GetBoolean().ShouldBeTrue();
        body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolCallFragments_AreAssembledIntoCompleteCalls()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Sse(
        [
            Completions.ToolChunk((0, "call_a", "get_weather", "")),
            Completions.ToolChunk((0, null, null, """{"ci""")),
            Completions.ToolChunk((1, "call_b", "get_time", """{"zone":""")),
            Completions.ToolChunk((0, null, null, """ty":"Oslo"}""")),
            Completions.ToolChunk((1, null, null, "\"CET\"}")),
            Completions.FinishChunk("tool_calls"),
            Completions.UsageChunk(prompt: 30, completion: 12),
        ]));
        using var client = TestEndpoints.Client(server);

        var updates = await client.GetStreamingResponseAsync("Weather and time?").ToListAsync();

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        calls.Select(c => (c.CallId, c.Name)).ShouldBe([("call_a", "get_weather"), ("call_b", "get_time")]);
        calls[0].Arguments!["city"].ShouldBeOfType<JsonElement>().GetString().ShouldBe("Oslo");
        calls[1].Arguments!["zone"].ShouldBeOfType<JsonElement>().GetString().ShouldBe("CET");
        calls[0].AdditionalProperties![OpenAIChatClient.RawArgumentsKey].ShouldBe("""{"city":"Oslo"}""");
        calls.ShouldAllBe(c => c.Exception == null);

        var response = updates.ToChatResponse();
        response.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        response.Usage!.InputTokenCount.ShouldBe(30);
        response.Messages.Single().Contents.OfType<FunctionCallContent>().Count().ShouldBe(2);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_MalformedStreamedArguments_SetExceptionWithoutThrowing()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Sse(
        [
            Completions.ToolChunk((0, "call_a", "get_weather", """{"city":""")),
            Completions.FinishChunk("tool_calls"),
        ]));
        using var client = TestEndpoints.Client(server);

        var updates = await client.GetStreamingResponseAsync("Weather?").ToListAsync();

        var call = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.Exception.ShouldNotBeNull();
        call.AdditionalProperties![OpenAIChatClient.RawArgumentsKey].ShouldBe("""{"city":""");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ConnectionDroppedMidStream_ThrowsTruncated()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Sse([Completions.TextChunk("Once upon a")], complete: false));
        using var client = TestEndpoints.Client(server);
        var received = new List<ChatResponseUpdate>();

        var error = await Should.ThrowAsync<ModelCallException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("Tell a story"))
            {
                received.Add(update);
            }
        });

        error.Kind.ShouldBe(ModelFailureKind.Truncated);
        received.ShouldHaveSingleItem().Text.ShouldBe("Once upon a");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ServerStopsSending_ThrowsTimeout()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.SseThenHang([Completions.TextChunk("Thinking")]));
        using var client = TestEndpoints.Client(server, TimeSpan.FromMilliseconds(300));

        var error = await Should.ThrowAsync<ModelCallException>(() => client.GetStreamingResponseAsync("Hi").ToListAsync().AsTask());

        error.Kind.ShouldBe(ModelFailureKind.Timeout);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_RateLimited_ThrowsRateLimitedAfterOneRequest()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.Status(429, """{"error":{"message":"Rate limit reached."}}""", ("Retry-After", "7")));
        using var client = TestEndpoints.Client(server);

        var error = await Should.ThrowAsync<ModelCallException>(() => client.GetStreamingResponseAsync("Hi").ToListAsync().AsTask());

        error.Kind.ShouldBe(ModelFailureKind.RateLimited);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CallerCancelsMidStream_ThrowsOperationCanceled()
    {
        await using var server = LoopbackOpenAIServer.Start();
        server.Then(ScriptedResponses.SseThenHang([Completions.TextChunk("Thinking")]));
        using var client = TestEndpoints.Client(server);
        using var cancellation = new CancellationTokenSource();

        var error = await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("Hi", cancellationToken: cancellation.Token))
            {
                // The first chunk has arrived; the next read is the one that waits on the silent server.
                await cancellation.CancelAsync();
            }
        });

        error.ShouldNotBeOfType<ModelCallException>();
    }
}
