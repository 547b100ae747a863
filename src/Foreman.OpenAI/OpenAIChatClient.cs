using Foreman.Models;
using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace Foreman.OpenAI;

/// <summary>
/// An <see cref="IChatClient"/> over the OpenAI chat-completions API, built on the official OpenAI SDK: OpenAI,
/// Azure OpenAI, or any OpenAI-compatible server. Failures surface as <see cref="ModelCallException"/>; the caller's
/// own cancellation surfaces as <see cref="OperationCanceledException"/>. The SDK's retries are disabled: the
/// agent loop retries, so that every attempt is counted (docs/decisions/0002-who-retries-model-calls.md).
/// </summary>
/// <remarks>Thread-safe: one instance may serve any number of concurrent calls.</remarks>
public sealed partial class OpenAIChatClient : IChatClient
{
    /// <summary>
    /// The <see cref="AIContent.AdditionalProperties"/> key under which a <see cref="FunctionCallContent"/> keeps the
    /// argument text exactly as the model wrote it, even when it is not valid JSON.
    /// </summary>
    public const string RawArgumentsKey = "foreman.raw_arguments";

    private readonly OpenAIEndpoint _endpoint;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Creates a client for one endpoint and default model.</summary>
    /// <param name="options">The endpoint; validated and copied, so later changes have no effect.</param>
    /// <param name="modelId">The model to call when <see cref="ChatOptions.ModelId"/> is not set; defaults to the
    /// options' Standard-tier model, else <see cref="ModelEndpointOptions.Model"/>.</param>
    /// <param name="timeProvider">The clock used to interpret HTTP-date <c>Retry-After</c> values. The default value is <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid, or no model is given or configured.</exception>
    public OpenAIChatClient(ModelEndpointOptions options, string? modelId = null, TimeProvider? timeProvider = null)
        : this(OpenAIEndpoint.Create(options, timeProvider ?? TimeProvider.System), modelId)
    {
    }

    internal OpenAIChatClient(OpenAIEndpoint endpoint, string? modelId)
    {
        _endpoint = endpoint;
        ModelId = !string.IsNullOrWhiteSpace(modelId)
            ? modelId
            : endpoint.DefaultModel ?? throw new ArgumentException("No model was given and the options configure none.", nameof(modelId));
        _metadata = new ChatClientMetadata(endpoint.IsAzure ? "azure.ai.openai" : "openai", endpoint.ProviderUri, ModelId);
    }

    /// <summary>Gets the model called when <see cref="ChatOptions.ModelId"/> is not set.</summary>
    public string ModelId { get; }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = ResolveModel(options);
        var sdkMessages = ChatRequestMapper.ToSdkMessages(messages, options);
        var sdkOptions = ChatRequestMapper.ToSdkOptions(options, this);
        try
        {
            var result = await _endpoint.GetSdkClient(model).CompleteChatAsync(sdkMessages, sdkOptions, cancellationToken);
            return ChatResponseMapper.ToChatResponse(result.Value);
        }
        catch (Exception exception) when (IsTranslated(exception, cancellationToken))
        {
            throw CallFailure(exception, model, cancellationToken);
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(Sdk.ChatClient))
        {
            return _endpoint.GetSdkClient(ModelId);
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Does nothing: the SDK's HTTP transport is shared and owned by the SDK.</summary>
    public void Dispose()
    {
    }

    private string ResolveModel(ChatOptions? options) =>
        string.IsNullOrWhiteSpace(options?.ModelId) ? ModelId : options.ModelId;
}
