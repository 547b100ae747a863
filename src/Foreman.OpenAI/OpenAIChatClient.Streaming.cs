using System.Runtime.CompilerServices;
using Foreman.Models;
using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace Foreman.OpenAI;

/// <content>Streaming.</content>
public sealed partial class OpenAIChatClient
{
    /// <inheritdoc />
    /// <remarks>
    /// Text arrives as it is generated. Tool calls are reassembled from their fragments and delivered whole, in the
    /// update that carries the finish reason; token usage arrives in a final update as <see cref="UsageContent"/>.
    /// A stream that ends before the model finished fails with <see cref="ModelFailureKind.Truncated"/>.
    /// </remarks>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = ResolveModel(options);
        var sdkMessages = ChatRequestMapper.ToSdkMessages(messages, options);
        var sdkOptions = ChatRequestMapper.ToSdkOptions(options, this);
        var toolCalls = new StreamingToolCallAssembler();
        var finished = false;

        // C# allows no yield inside a try with a catch, so the enumerator is driven by hand and only MoveNextAsync,
        // where the network is touched, is guarded.
        await using var updates = _endpoint.GetSdkClient(model)
            .CompleteChatStreamingAsync(sdkMessages, sdkOptions, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (await MoveNextAsync(updates, model, cancellationToken))
        {
            var update = ToUpdate(updates.Current, toolCalls);
            finished |= update.FinishReason is not null;
            yield return update;
        }

        if (!finished)
        {
            throw new ModelCallException(ModelFailureKind.Truncated, $"The stream of model '{model}' ended before the model finished its answer.");
        }

        // A server that sent a finish reason before the last fragment still gets its calls delivered.
        if (toolCalls.HasPending)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, toolCalls.Complete()) { ModelId = model };
        }
    }

    private static ChatResponseUpdate ToUpdate(Sdk.StreamingChatCompletionUpdate update, StreamingToolCallAssembler toolCalls)
    {
        var contents = new List<AIContent>();
        foreach (var part in update.ContentUpdate)
        {
            if (part.Kind == Sdk.ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
            {
                contents.Add(new TextContent(part.Text));
            }
        }

        if (!string.IsNullOrEmpty(update.RefusalUpdate))
        {
            contents.Add(new TextContent(update.RefusalUpdate));
        }

        if (update.ToolCallUpdates.Count > 0)
        {
            toolCalls.Add(update.ToolCallUpdates);
        }

        if (update.FinishReason is not null && toolCalls.HasPending)
        {
            contents.AddRange(toolCalls.Complete());
        }

        if (ChatResponseMapper.ToUsage(update.Usage) is { } usage)
        {
            contents.Add(new UsageContent(usage));
        }

        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = update.CompletionId,
            MessageId = update.CompletionId,
            ModelId = update.Model,
            CreatedAt = ChatResponseMapper.ToCreatedAt(update.CreatedAt),
            FinishReason = ChatResponseMapper.ToFinishReason(update.FinishReason),
            RawRepresentation = update,
        };
    }

    private async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<Sdk.StreamingChatCompletionUpdate> updates, string model, CancellationToken cancellationToken)
    {
        try
        {
            return await updates.MoveNextAsync();
        }
        catch (Exception exception) when (IsTranslated(exception, cancellationToken))
        {
            throw CallFailure(exception, model, cancellationToken);
        }
    }
}
