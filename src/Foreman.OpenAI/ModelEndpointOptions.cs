using System.Globalization;
using System.Text;
using Foreman.Models;

namespace Foreman.OpenAI;

/// <summary>
/// Where Foreman's models live and how to reach them: OpenAI itself, Azure OpenAI, or any server that speaks the
/// OpenAI chat-completions protocol (Ollama, vLLM, llama.cpp). A plain mutable options class: it is copied when a
/// <see cref="OpenAIChatClientProvider"/> is built, so later changes have no effect on that provider.
/// </summary>
/// <remarks>Not thread-safe while being mutated. <see cref="ToString"/> never reveals <see cref="ApiKey"/>.</remarks>
public sealed partial class ModelEndpointOptions
{
    /// <summary>The default network timeout: 100 seconds, the same as <see cref="HttpClient.Timeout"/>'s default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    // Values that could not be parsed while loading (a URL that is not a URL, a timeout that is not a number).
    // They are kept here, keyed by property, so Validate can report them; assigning the property clears its entry.
    private readonly Dictionary<string, string> _loadErrors = new(StringComparer.Ordinal);
    private Uri? _endpoint;
    private TimeSpan _timeout = DefaultTimeout;

    /// <summary>
    /// Gets or sets the base URL of the chat-completions API, for example <c>http://127.0.0.1:11434/v1</c> for Ollama.
    /// The default value is <see langword="null"/>, meaning <c>https://api.openai.com/v1</c>.
    /// </summary>
    /// <remarks>
    /// The query string is sent with every request (Azure's <c>?api-version=</c>), and the text <c>{model}</c> in
    /// the path is replaced by the model id, so an Azure deployments URL such as
    /// <c>https://res.openai.azure.com/openai/deployments/{model}?api-version=2024-10-21</c> maps each tier to its deployment.
    /// </remarks>
    public Uri? Endpoint
    {
        get => _endpoint;
        set
        {
            _endpoint = value;
            _loadErrors.Remove(nameof(Endpoint));
        }
    }

    /// <summary>
    /// Gets or sets the API key. The default value is <see langword="null"/>: allowed for self-hosted endpoints,
    /// which then receive no authentication header.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Gets or sets the HTTP header that carries <see cref="ApiKey"/>. The default value is <see langword="null"/>:
    /// <c>Authorization: Bearer</c>, except for Azure OpenAI hosts, which get the <c>api-key</c> header they expect.
    /// </summary>
    public string? ApiKeyHeaderName { get; set; }

    /// <summary>Gets or sets the model used for every tier that has no model of its own. The default value is <see langword="null"/>.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the model for <see cref="ModelTier.Fast"/>; falls back to <see cref="Model"/>. The default value is <see langword="null"/>.</summary>
    public string? FastModel { get; set; }

    /// <summary>Gets or sets the model for <see cref="ModelTier.Standard"/>; falls back to <see cref="Model"/>. The default value is <see langword="null"/>.</summary>
    public string? StandardModel { get; set; }

    /// <summary>Gets or sets the model for <see cref="ModelTier.Premium"/>; falls back to <see cref="Model"/>. The default value is <see langword="null"/>.</summary>
    public string? PremiumModel { get; set; }

    /// <summary>
    /// Gets or sets how long to wait for the server to send the response (or, when streaming, the next chunk) before
    /// the call fails with <see cref="ModelFailureKind.Timeout"/>. The default value is 100 seconds.
    /// </summary>
    public TimeSpan Timeout
    {
        get => _timeout;
        set
        {
            _timeout = value;
            _loadErrors.Remove(nameof(Timeout));
        }
    }

    /// <summary>Gets or sets the OpenAI organization id sent as <c>OpenAI-Organization</c>. The default value is <see langword="null"/>.</summary>
    public string? Organization { get; set; }

    /// <summary>Gets or sets the OpenAI project id sent as <c>OpenAI-Project</c>. The default value is <see langword="null"/>.</summary>
    public string? Project { get; set; }

    /// <summary>
    /// Gets the model configured for each tier (the tier's own model, else <see cref="Model"/>), for
    /// <see cref="ModelRouter"/>. Tiers with no model are left out so the router falls back to the catalog.
    /// </summary>
    /// <returns>A new map from tier to model id.</returns>
    public IReadOnlyDictionary<ModelTier, string> GetTierModels()
    {
        var map = new Dictionary<ModelTier, string>();
        AddTier(map, ModelTier.Fast, FastModel ?? Model);
        AddTier(map, ModelTier.Standard, StandardModel ?? Model);
        AddTier(map, ModelTier.Premium, PremiumModel ?? Model);
        return map;
    }

    /// <summary>Describes the options for logs, without the API key or the endpoint's query string.</summary>
    /// <returns>A single-line description.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("ModelEndpointOptions { Endpoint = ");
        text.Append(Endpoint is null ? "(OpenAI)" : DescribeEndpoint(Endpoint));
        text.Append(", ApiKey = ").Append(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)");
        AppendIfSet(text, nameof(ApiKeyHeaderName), ApiKeyHeaderName);
        AppendIfSet(text, nameof(Model), Model);
        AppendIfSet(text, nameof(FastModel), FastModel);
        AppendIfSet(text, nameof(StandardModel), StandardModel);
        AppendIfSet(text, nameof(PremiumModel), PremiumModel);
        AppendIfSet(text, nameof(Organization), Organization);
        AppendIfSet(text, nameof(Project), Project);
        text.Append(", Timeout = ").Append(Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)).Append("s }");
        return text.ToString();
    }

    /// <summary>Copies every value, including problems met while loading.</summary>
    /// <returns>An independent copy.</returns>
    internal ModelEndpointOptions Clone()
    {
        var copy = new ModelEndpointOptions
        {
            Endpoint = Endpoint,
            ApiKey = ApiKey,
            ApiKeyHeaderName = ApiKeyHeaderName,
            Model = Model,
            FastModel = FastModel,
            StandardModel = StandardModel,
            PremiumModel = PremiumModel,
            Timeout = Timeout,
            Organization = Organization,
            Project = Project,
        };
        foreach (var (key, error) in _loadErrors)
        {
            copy._loadErrors[key] = error;
        }

        return copy;
    }

    // Userinfo and query strings can carry credentials (some gateways take ?key=), so descriptions drop both.
    internal static string DescribeEndpoint(Uri endpoint) =>
        endpoint.IsAbsoluteUri ? endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped) : "(relative URL)";

    private static void AddTier(Dictionary<ModelTier, string> map, ModelTier tier, string? model)
    {
        if (!string.IsNullOrWhiteSpace(model))
        {
            map[tier] = model;
        }
    }

    private static void AppendIfSet(StringBuilder text, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append(", ").Append(name).Append(" = ").Append(value);
        }
    }
}
