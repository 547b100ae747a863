using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Foreman.Testing;

/// <summary>
/// The result of one successful simulated call, rendered either as one response or as streaming updates,
/// so both paths say exactly the same thing.
/// </summary>
internal sealed class SimulatedOutcome
{
    // Streaming real models send text in small pieces; a fixed size keeps the split deterministic.
    private const int ChunkLength = 16;

    private static readonly JsonTypeInfo ArgumentsTypeInfo = AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>));

    public required string ModelId { get; init; }

    public required string ResponseId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? Text { get; init; }

    public required IReadOnlyList<SimulatedToolCall> ToolCalls { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public ChatFinishReason FinishReason => ToolCalls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop;

    public ChatResponse ToResponse()
    {
        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(Text))
        {
            contents.Add(new TextContent(Text));
        }

        contents.AddRange(ToolCalls.Select(CreateCall));
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { MessageId = ResponseId, CreatedAt = CreatedAt })
        {
            ModelId = ModelId,
            ResponseId = ResponseId,
            CreatedAt = CreatedAt,
            FinishReason = FinishReason,
            Usage = CreateUsage(),
        };
    }

    public IEnumerable<ChatResponseUpdate> ToUpdates()
    {
        var text = Text ?? string.Empty;
        for (var start = 0; start < text.Length;)
        {
            var length = Math.Min(ChunkLength, text.Length - start);
            // Never split a surrogate pair across two updates.
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length++;
            }

            yield return Update([new TextContent(text.Substring(start, length))]);
            start += length;
        }

        if (ToolCalls.Count > 0)
        {
            yield return Update([.. ToolCalls.Select(CreateCall)]);
        }

        var last = Update([new UsageContent(CreateUsage())]);
        last.FinishReason = FinishReason;
        yield return last;
    }

    private static FunctionCallContent CreateCall(SimulatedToolCall call)
    {
        // Parsing through CreateFromParsedArguments puts a parse failure in .Exception instead of throwing,
        // which is what a real provider client does with a model's malformed arguments.
        var content = FunctionCallContent.CreateFromParsedArguments(
            call.ArgumentsJson,
            call.CallId!,
            call.Name,
            static json => (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, ArgumentsTypeInfo));
        content.AdditionalProperties ??= [];
        content.AdditionalProperties[SimulatedChatClient.RawArgumentsKey] = call.ArgumentsJson;
        return content;
    }

    private UsageDetails CreateUsage() => new()
    {
        InputTokenCount = InputTokens,
        OutputTokenCount = OutputTokens,
        TotalTokenCount = InputTokens + OutputTokens,
    };

    private ChatResponseUpdate Update(IList<AIContent> contents) => new(ChatRole.Assistant, contents)
    {
        ModelId = ModelId,
        ResponseId = ResponseId,
        MessageId = ResponseId,
        CreatedAt = CreatedAt,
    };
}
