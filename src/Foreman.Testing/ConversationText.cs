using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Foreman.Testing;

/// <summary>
/// Renders message contents and tool definitions as the text a real model would read, for token estimates
/// and for the conversation hash that seeds a behaviour's random source.
/// </summary>
internal static class ConversationText
{
    /// <summary>The text of one content item; unknown kinds contribute nothing.</summary>
    public static string Of(AIContent content) => content switch
    {
        TextContent text => text.Text ?? string.Empty,
        TextReasoningContent reasoning => reasoning.Text ?? string.Empty,
        FunctionCallContent call => call.Name + RawArguments(call),
        FunctionResultContent result => result.CallId + ResultText(result.Result),
        _ => string.Empty,
    };

    /// <summary>The raw argument JSON of a call: the text the model produced when known, else a re-serialization.</summary>
    public static string RawArguments(FunctionCallContent call)
    {
        if (call.AdditionalProperties?.TryGetValue(SimulatedChatClient.RawArgumentsKey, out var raw) == true && raw is string text)
        {
            return text;
        }

        return call.Arguments is null ? "{}" : Serialize(call.Arguments);
    }

    /// <summary>The text of a tool result as a model would be shown it.</summary>
    public static string ResultText(object? result) => result switch
    {
        null => string.Empty,
        string text => text,
        JsonElement element => element.GetRawText(),
        _ => Serialize(result),
    };

    /// <summary>The text of a tool definition: name, description and parameter schema.</summary>
    public static string Of(AITool tool) => tool is AIFunctionDeclaration function
        ? function.Name + function.Description + function.JsonSchema.GetRawText()
        : tool.Name + tool.Description;

    /// <summary>The number of characters the model reads for this prompt.</summary>
    public static long PromptLength(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        long length = (options?.Instructions?.Length ?? 0) + (options?.Tools?.Sum(t => (long)Of(t).Length) ?? 0);
        foreach (var message in messages)
        {
            length += message.Role.Value.Length;
            foreach (var content in message.Contents)
            {
                length += Of(content).Length;
            }
        }

        return length;
    }

    /// <summary>A stable hash of the conversation: the same messages always give the same value.</summary>
    public static ulong Hash(IReadOnlyList<ChatMessage> messages)
    {
        var hash = StableHash.Of(null);
        foreach (var message in messages)
        {
            hash = StableHash.Append(hash, message.Role.Value);
            foreach (var content in message.Contents)
            {
                hash = StableHash.Append(hash, Of(content));
            }
        }

        return hash;
    }

    private static string Serialize(object value)
    {
        try
        {
            return JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            // A type the serializer cannot handle still has a textual form worth counting.
            return value.ToString() ?? string.Empty;
        }
    }
}
