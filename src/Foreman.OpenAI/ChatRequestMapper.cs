using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace Foreman.OpenAI;

/// <summary>Maps Microsoft.Extensions.AI messages and options to the OpenAI SDK's request types.</summary>
internal static class ChatRequestMapper
{
    private static readonly ChatRole DeveloperRole = new("developer");

    // AIJsonUtilities.DefaultOptions indents; the model should see compact JSON, as it would from the API itself.
    private static readonly JsonSerializerOptions CompactJson = CreateCompactJson();

    /// <summary>Maps the conversation, prepending <see cref="ChatOptions.Instructions"/> as a system message.</summary>
    /// <exception cref="NotSupportedException">A message has a role the chat-completions API does not know.</exception>
    public static List<Sdk.ChatMessage> ToSdkMessages(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var result = new List<Sdk.ChatMessage>();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            result.Add(Sdk.ChatMessage.CreateSystemMessage(options.Instructions));
        }

        foreach (var message in messages)
        {
            if (message.RawRepresentation is Sdk.ChatMessage raw)
            {
                // A message that came from this SDK is replayed exactly rather than re-derived.
                result.Add(raw);
                continue;
            }

            if (message.Role == ChatRole.System)
            {
                result.Add(WithName(Sdk.ChatMessage.CreateSystemMessage(JoinText(message)), message.AuthorName));
            }
            else if (message.Role == DeveloperRole)
            {
#pragma warning disable OPENAI001 // The developer role is how reasoning models take system instructions; the SDK still marks it experimental.
                result.Add(WithName(Sdk.ChatMessage.CreateDeveloperMessage(JoinText(message)), message.AuthorName));
#pragma warning restore OPENAI001
            }
            else if (message.Role == ChatRole.User)
            {
                result.Add(WithName(ToUserMessage(message), message.AuthorName));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                result.Add(WithName(ToAssistantMessage(message), message.AuthorName));
            }
            else if (message.Role == ChatRole.Tool)
            {
                // One tool message per result: the API ties each to its call by tool_call_id.
                result.AddRange(message.Contents.OfType<FunctionResultContent>().Select(r => Sdk.ChatMessage.CreateToolMessage(r.CallId, FormatResult(r))));
            }
            else
            {
                throw new NotSupportedException($"The chat-completions API has no '{message.Role}' role.");
            }
        }

        return result;
    }

    /// <summary>Maps the options; <see cref="ChatOptions.ModelId"/> and <see cref="ChatOptions.Instructions"/> are handled by the caller.</summary>
    /// <exception cref="NotSupportedException">A tool is not a function declaration.</exception>
    public static Sdk.ChatCompletionOptions ToSdkOptions(ChatOptions? options, IChatClient client)
    {
        var result = options?.RawRepresentationFactory?.Invoke(client) as Sdk.ChatCompletionOptions ?? new Sdk.ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        result.Temperature ??= options.Temperature;
        result.TopP ??= options.TopP;
        result.FrequencyPenalty ??= options.FrequencyPenalty;
        result.PresencePenalty ??= options.PresencePenalty;
        result.MaxOutputTokenCount ??= options.MaxOutputTokens;
#pragma warning disable OPENAI001 // Seed is marked experimental by the SDK but is a long-standing chat-completions field that local servers honour.
        result.Seed ??= options.Seed;
#pragma warning restore OPENAI001
        foreach (var stop in options.StopSequences ?? [])
        {
            result.StopSequences.Add(stop);
        }

        foreach (var tool in options.Tools ?? [])
        {
            result.Tools.Add(ToSdkTool(tool));
        }

        // tool_choice and parallel_tool_calls are refused by the API when no tools are sent.
        if (result.Tools.Count > 0)
        {
            result.ToolChoice ??= ToSdkToolChoice(options.ToolMode);
            result.AllowParallelToolCalls ??= options.AllowMultipleToolCalls;
        }

        result.ResponseFormat ??= ToSdkResponseFormat(options.ResponseFormat);
        return result;
    }

    private static Sdk.ChatTool ToSdkTool(AITool tool)
    {
        if (tool is not AIFunctionDeclaration function)
        {
            throw new NotSupportedException($"Tool '{tool.Name}' is a {tool.GetType().Name}; the chat-completions API accepts only function tools.");
        }

        return Sdk.ChatTool.CreateFunctionTool(
            function.Name,
            string.IsNullOrEmpty(function.Description) ? null : function.Description,
            BinaryData.FromString(function.JsonSchema.GetRawText()));
    }

    private static Sdk.ChatToolChoice? ToSdkToolChoice(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => Sdk.ChatToolChoice.CreateNoneChoice(),
        AutoChatToolMode => Sdk.ChatToolChoice.CreateAutoChoice(),
        RequiredChatToolMode { RequiredFunctionName: { } name } => Sdk.ChatToolChoice.CreateFunctionChoice(name),
        RequiredChatToolMode => Sdk.ChatToolChoice.CreateRequiredChoice(),
        _ => null,
    };

    private static Sdk.ChatResponseFormat? ToSdkResponseFormat(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatText => Sdk.ChatResponseFormat.CreateTextFormat(),
        ChatResponseFormatJson { Schema: { } schema } json => Sdk.ChatResponseFormat.CreateJsonSchemaFormat(
            json.SchemaName ?? "response",
            BinaryData.FromString(schema.GetRawText()),
            json.SchemaDescription),
        ChatResponseFormatJson => Sdk.ChatResponseFormat.CreateJsonObjectFormat(),
        _ => null,
    };

    private static Sdk.UserChatMessage ToUserMessage(ChatMessage message)
    {
        // Plain string content is what every OpenAI-compatible server understands; parts only when there are images.
        if (message.Contents.All(c => c is TextContent))
        {
            return Sdk.ChatMessage.CreateUserMessage(JoinText(message));
        }

        var parts = new List<Sdk.ChatMessageContentPart>();
        foreach (var content in message.Contents)
        {
            var part = content switch
            {
                TextContent text => Sdk.ChatMessageContentPart.CreateTextPart(text.Text),
                DataContent data when data.HasTopLevelMediaType("image") => Sdk.ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType),
                UriContent uri when uri.HasTopLevelMediaType("image") => Sdk.ChatMessageContentPart.CreateImagePart(uri.Uri),
                _ => null,
            };
            if (part is not null)
            {
                parts.Add(part);
            }
        }

        return Sdk.ChatMessage.CreateUserMessage(parts);
    }

    private static Sdk.AssistantChatMessage ToAssistantMessage(ChatMessage message)
    {
        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(c => Sdk.ChatToolCall.CreateFunctionToolCall(c.CallId, c.Name, BinaryData.FromString(FormatArguments(c))))
            .ToList();
        var text = JoinText(message);
        if (calls.Count == 0)
        {
            return Sdk.ChatMessage.CreateAssistantMessage(text);
        }

        var assistant = Sdk.ChatMessage.CreateAssistantMessage(calls);
        if (text.Length > 0)
        {
            assistant.Content.Add(Sdk.ChatMessageContentPart.CreateTextPart(text));
        }

        return assistant;
    }

    // Arguments that failed to parse are replayed as the model wrote them (the API takes any string, and the model
    // then sees its own mistake); parsed arguments are re-serialised so that edits made to them are sent.
    private static string FormatArguments(FunctionCallContent call) =>
        (call.Exception is not null || call.Arguments is null) && call.AdditionalProperties?.TryGetValue(OpenAIChatClient.RawArgumentsKey, out var raw) == true && raw is string rawText
            ? rawText
            : JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(StringComparer.Ordinal), CompactJson.GetTypeInfo(typeof(IDictionary<string, object?>)));

    private static string FormatResult(FunctionResultContent result) => result.Result switch
    {
        string text => text,
        null when result.Exception is not null => "Error: " + result.Exception.Message,
        TextContent text => text.Text,
        JsonElement json => json.GetRawText(),
        var value => JsonSerializer.Serialize(value, CompactJson.GetTypeInfo(value?.GetType() ?? typeof(object))),
    };

    private static JsonSerializerOptions CreateCompactJson()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
        options.MakeReadOnly();
        return options;
    }

    private static string JoinText(ChatMessage message)
    {
        var text = new StringBuilder();
        foreach (var content in message.Contents.OfType<TextContent>())
        {
            text.Append(content.Text);
        }

        return text.ToString();
    }

    // The API accepts only [A-Za-z0-9_-]{1,64} as a participant name and refuses the whole request otherwise, so an
    // agent name that does not fit is left out rather than failing the call.
    private static T WithName<T>(T message, string? name)
        where T : Sdk.ChatMessage
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return message;
        }

        switch (message)
        {
            case Sdk.SystemChatMessage system:
                system.ParticipantName = name;
                break;
#pragma warning disable OPENAI001 // See the developer role above.
            case Sdk.DeveloperChatMessage developer:
                developer.ParticipantName = name;
                break;
#pragma warning restore OPENAI001
            case Sdk.UserChatMessage user:
                user.ParticipantName = name;
                break;
            case Sdk.AssistantChatMessage assistant:
                assistant.ParticipantName = name;
                break;
        }

        return message;
    }
}
