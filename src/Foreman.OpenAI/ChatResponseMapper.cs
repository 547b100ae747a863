using System.Text.Json;
using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace Foreman.OpenAI;

/// <summary>Maps the OpenAI SDK's completions to Microsoft.Extensions.AI responses.</summary>
internal static class ChatResponseMapper
{
    /// <summary>Maps a complete (non-streamed) completion.</summary>
    public static ChatResponse ToChatResponse(Sdk.ChatCompletion completion)
    {
        var contents = new List<AIContent>();
        foreach (var part in completion.Content)
        {
            if (part.Kind == Sdk.ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
            {
                contents.Add(new TextContent(part.Text) { RawRepresentation = part });
            }
        }

        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            contents.Add(new TextContent(completion.Refusal));
        }

        foreach (var call in completion.ToolCalls)
        {
            contents.Add(ToFunctionCall(call.Id, call.FunctionName, call.FunctionArguments?.ToString(), call));
        }

        var message = new ChatMessage(ChatRole.Assistant, contents)
        {
            MessageId = completion.Id,
            CreatedAt = ToCreatedAt(completion.CreatedAt),
        };
        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = ToCreatedAt(completion.CreatedAt),
            FinishReason = ToFinishReason(completion.FinishReason),
            Usage = ToUsage(completion.Usage),
            RawRepresentation = completion,
        };
    }

    /// <summary>
    /// Builds a function call from the model's argument text. Malformed JSON becomes
    /// <see cref="FunctionCallContent.Exception"/> rather than an exception, so the agent loop can tell the model;
    /// the raw text is kept under <see cref="OpenAIChatClient.RawArgumentsKey"/>.
    /// </summary>
    public static FunctionCallContent ToFunctionCall(string callId, string name, string? arguments, object? rawRepresentation)
    {
        var raw = arguments ?? string.Empty;
        var call = FunctionCallContent.CreateFromParsedArguments(raw, callId, name, ParseArguments);
        call.RawRepresentation = rawRepresentation;
        call.AdditionalProperties ??= [];
        call.AdditionalProperties[OpenAIChatClient.RawArgumentsKey] = raw;
        return call;
    }

    /// <summary>Maps token usage; <see langword="null"/> when the server reported none.</summary>
    public static UsageDetails? ToUsage(Sdk.ChatTokenUsage? usage)
    {
        if (usage is null)
        {
            return null;
        }

        var details = new UsageDetails
        {
            InputTokenCount = usage.InputTokenCount,
            OutputTokenCount = usage.OutputTokenCount,
            TotalTokenCount = usage.TotalTokenCount,
        };
        if (usage.InputTokenDetails is { } input)
        {
            details.CachedInputTokenCount = input.CachedTokenCount;
        }

        if (usage.OutputTokenDetails is { } output)
        {
            details.ReasoningTokenCount = output.ReasoningTokenCount;
        }

        return details;
    }

    /// <summary>Maps the finish reason; the legacy <c>function_call</c> is reported as tool calls.</summary>
    public static ChatFinishReason? ToFinishReason(Sdk.ChatFinishReason? reason) => reason switch
    {
        null => null,
        Sdk.ChatFinishReason.Stop => ChatFinishReason.Stop,
        Sdk.ChatFinishReason.Length => ChatFinishReason.Length,
        Sdk.ChatFinishReason.ContentFilter => ChatFinishReason.ContentFilter,
        Sdk.ChatFinishReason.ToolCalls or Sdk.ChatFinishReason.FunctionCall => ChatFinishReason.ToolCalls,
        _ => new ChatFinishReason(reason.Value.ToString()),
    };

    /// <summary>Maps the creation time; servers that omit it yield the Unix epoch, which is reported as unknown.</summary>
    public static DateTimeOffset? ToCreatedAt(DateTimeOffset createdAt) =>
        createdAt <= DateTimeOffset.UnixEpoch ? null : createdAt;

    private static Dictionary<string, object?>? ParseArguments(string json)
    {
        // Some servers send "" for a call without parameters; that is an empty argument list, not an error.
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        return (Dictionary<string, object?>?)JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object?>)));
    }
}
