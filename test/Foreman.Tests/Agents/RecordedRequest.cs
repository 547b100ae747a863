using Microsoft.Extensions.AI;

namespace Foreman.Tests.Agents;

/// <summary>A snapshot of one request the agent loop sent to the model: the loop reuses and grows its lists, so they are copied.</summary>
internal sealed record RecordedRequest(IReadOnlyList<ChatMessage> Messages, IReadOnlyList<string> ToolNames, ChatToolMode? ToolMode, string? ModelId, ChatResponseFormat? ResponseFormat)
{
    public static RecordedRequest From(IEnumerable<ChatMessage> messages, ChatOptions? options) => new(
        [.. messages],
        [.. options?.Tools?.Select(t => t.Name) ?? []],
        options?.ToolMode,
        options?.ModelId,
        options?.ResponseFormat);

    /// <summary>Gets the last message of the conversation as sent.</summary>
    public ChatMessage Last => Messages[^1];

    /// <summary>Gets the text of every tool result the model received, keyed by call id.</summary>
    public IReadOnlyDictionary<string, string> ToolResults =>
        Messages.SelectMany(m => m.Contents.OfType<FunctionResultContent>())
            .ToDictionary(r => r.CallId, r => r.Result?.ToString() ?? string.Empty, StringComparer.Ordinal);

    /// <summary>Gets every tool call the model made earlier in the conversation.</summary>
    public IReadOnlyList<FunctionCallContent> ToolCalls => [.. Messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>())];
}
