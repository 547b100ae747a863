using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using OpenAI;
using SdkChatClient = OpenAI.Chat.ChatClient;

namespace Foreman.OpenAI;

/// <summary>
/// The validated, immutable runtime form of <see cref="ModelEndpointOptions"/>: creates and caches one SDK chat client
/// per model id. Thread-safe.
/// </summary>
internal sealed class OpenAIEndpoint
{
    private const string ModelPlaceholder = "{model}";
    private const string EscapedModelPlaceholder = "%7Bmodel%7D";

    private static readonly string[] AzureHostSuffixes = [".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com"];

    private readonly ConcurrentDictionary<string, SdkChatClient> _clients = new(StringComparer.Ordinal);
    private readonly string? _endpointWithoutQuery;
    private readonly string _query;
    private readonly string? _apiKey;
    private readonly string? _apiKeyHeaderName;
    private readonly string? _organization;
    private readonly string? _project;

    private OpenAIEndpoint(ModelEndpointOptions options, TimeProvider timeProvider)
    {
        TimeProvider = timeProvider;
        Timeout = options.Timeout;
        _apiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? null : options.ApiKey;
        _organization = NullIfEmpty(options.Organization);
        _project = NullIfEmpty(options.Project);
        DefaultModel = NullIfEmpty(options.StandardModel ?? options.Model);

        if (options.Endpoint is { } endpoint)
        {
            // OriginalString keeps "{model}" unescaped; the path is trimmed so the SDK's "/chat/completions" joins cleanly.
            var text = endpoint.OriginalString;
            var queryStart = text.IndexOf('?', StringComparison.Ordinal);
            _query = queryStart < 0 ? string.Empty : text[(queryStart + 1)..];
            _endpointWithoutQuery = (queryStart < 0 ? text : text[..queryStart]).TrimEnd('/');
            ProviderUri = new Uri(ModelEndpointOptions.DescribeEndpoint(endpoint));
            IsAzure = AzureHostSuffixes.Any(s => endpoint.Host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
        }
        else
        {
            _query = string.Empty;
            ProviderUri = new Uri("https://api.openai.com/v1");
        }

        _apiKeyHeaderName = NullIfEmpty(options.ApiKeyHeaderName) ?? (IsAzure ? "api-key" : null);
    }

    /// <summary>Gets the clock used to interpret HTTP dates in <c>Retry-After</c>.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the network timeout applied to each request and to each read of a streamed response.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Gets the endpoint for telemetry and metadata, without query or credentials.</summary>
    public Uri ProviderUri { get; }

    /// <summary>Gets a value indicating whether the endpoint is an Azure OpenAI host.</summary>
    public bool IsAzure { get; }

    /// <summary>Gets the model used when none is named: the Standard tier's, else the general one.</summary>
    public string? DefaultModel { get; }

    /// <summary>Validates the options and snapshots them.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static OpenAIEndpoint Create(ModelEndpointOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.ThrowIfInvalid();
        return new OpenAIEndpoint(options, timeProvider);
    }

    /// <summary>Gets the SDK client for a model; clients are cheap and stateless, so a rare duplicate under a race is harmless.</summary>
    public SdkChatClient GetSdkClient(string model) => _clients.GetOrAdd(model, CreateSdkClient);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private SdkChatClient CreateSdkClient(string model)
    {
        var clientOptions = new OpenAIClientOptions
        {
            // Foreman's agent loop owns retries so that each one is counted and priced (docs/decisions/0002).
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout,
            OrganizationId = _organization,
            ProjectId = _project,
            UserAgentApplicationId = "foreman",
        };

        if (_endpointWithoutQuery is not null)
        {
            var escapedModel = Uri.EscapeDataString(model);
            var resolved = _endpointWithoutQuery
                .Replace(ModelPlaceholder, escapedModel, StringComparison.Ordinal)
                .Replace(EscapedModelPlaceholder, escapedModel, StringComparison.OrdinalIgnoreCase);
            clientOptions.Endpoint = new Uri(resolved);
        }

        clientOptions.AddPolicy(ResponseShapePolicy.Instance, PipelinePosition.PerCall);
        if (_query.Length > 0)
        {
            clientOptions.AddPolicy(new EndpointQueryPolicy(_query), PipelinePosition.PerCall);
        }

        AuthenticationPolicy authentication = _apiKey is null
            ? NoAuthenticationPolicy.Instance
            : _apiKeyHeaderName is null
                ? ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(new ApiKeyCredential(_apiKey))
                : ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(new ApiKeyCredential(_apiKey), _apiKeyHeaderName);
#pragma warning disable OPENAI001 // Only the AuthenticationPolicy constructor can send no credentials or Azure's api-key header; the SDK version is pinned.
        return new SdkChatClient(model, authentication, clientOptions);
#pragma warning restore OPENAI001
    }
}
