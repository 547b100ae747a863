using System.Text.Json;

namespace Foreman.OpenAI.Tests.Loopback;

/// <summary>Builds chat-completion bodies in the wire format the OpenAI API uses.</summary>
internal static class Completions
{
    public const long Created = 1_700_000_000;

    /// <summary>A completion that answers with text.</summary>
    public static string Text(string text, string id = "chatcmpl-1", string model = "test-model", string finishReason = "stop") =>
        JsonSerializer.Serialize(new
        {
            id,
            @object = "chat.completion",
            created = Created,
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = finishReason } },
            usage = new
            {
                prompt_tokens = 11,
                completion_tokens = 7,
                total_tokens = 18,
                prompt_tokens_details = new { cached_tokens = 3 },
                completion_tokens_details = new { reasoning_tokens = 2 },
            },
        });

    /// <summary>A completion that calls tools; each argument string is sent exactly as given.</summary>
    public static string ToolCalls(params (string Id, string Name, string Arguments)[] calls) =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-tools",
            @object = "chat.completion",
            created = Created,
            model = "test-model",
            choices = new[]
            {
                new
                {
                    index = 0,
                    message = new
                    {
                        role = "assistant",
                        content = (string?)null,
                        tool_calls = calls.Select(c => new { id = c.Id, type = "function", function = new { name = c.Name, arguments = c.Arguments } }).ToArray(),
                    },
                    finish_reason = "tool_calls",
                },
            },
            usage = new { prompt_tokens = 20, completion_tokens = 5, total_tokens = 25 },
        });

    /// <summary>A streamed chunk carrying a piece of text.</summary>
    public static string TextChunk(string text, string? finishReason = null) =>
        Chunk(new { role = "assistant", content = text }, finishReason);

    /// <summary>A streamed chunk carrying tool-call fragments.</summary>
    public static string ToolChunk(params (int Index, string? Id, string? Name, string Arguments)[] fragments) =>
        Chunk(
            new
            {
                tool_calls = fragments.Select(f => new
                {
                    index = f.Index,
                    id = f.Id,
                    type = f.Id is null ? null : "function",
                    function = new { name = f.Name, arguments = f.Arguments },
                }).ToArray(),
            },
            finishReason: null);

    /// <summary>A streamed chunk with only a finish reason.</summary>
    public static string FinishChunk(string finishReason) => Chunk(new { }, finishReason);

    /// <summary>The final streamed chunk with no choices and the usage.</summary>
    public static string UsageChunk(int prompt, int completion) =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-stream",
            @object = "chat.completion.chunk",
            created = Created,
            model = "test-model",
            choices = Array.Empty<object>(),
            usage = new { prompt_tokens = prompt, completion_tokens = completion, total_tokens = prompt + completion },
        });

    private static string Chunk(object delta, string? finishReason) =>
        JsonSerializer.Serialize(
            new
            {
                id = "chatcmpl-stream",
                @object = "chat.completion.chunk",
                created = Created,
                model = "test-model",
                choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
            },
            new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
}
