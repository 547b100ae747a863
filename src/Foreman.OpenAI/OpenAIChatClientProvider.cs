using System.Collections.Concurrent;
using Foreman.Models;
using Microsoft.Extensions.AI;

namespace Foreman.OpenAI;

/// <summary>
/// Hands out one <see cref="OpenAIChatClient"/> per model id for a single endpoint. Thread-safe; the options are
/// validated and copied at construction, so later changes to them have no effect.
/// </summary>
public sealed class OpenAIChatClientProvider : IChatClientProvider
{
    private readonly OpenAIEndpoint _endpoint;
    private readonly ConcurrentDictionary<string, OpenAIChatClient> _clients = new(StringComparer.Ordinal);

    /// <summary>Creates the provider.</summary>
    /// <param name="options">The endpoint. Check <see cref="ModelEndpointOptions.Validate"/> first to show users every problem.</param>
    /// <param name="timeProvider">The clock used to interpret HTTP-date <c>Retry-After</c> values. The default value is <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every error.</exception>
    public OpenAIChatClientProvider(ModelEndpointOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoint = OpenAIEndpoint.Create(options, timeProvider ?? TimeProvider.System);
        TierModels = options.GetTierModels();
    }

    /// <summary>Gets the model configured for each tier, as captured at construction; pass it to <see cref="ModelRouter"/>.</summary>
    public IReadOnlyDictionary<ModelTier, string> TierModels { get; }

    /// <inheritdoc />
    public IChatClient GetChatClient(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);

        // The factory may run twice under a race, but GetOrAdd stores and returns a single instance per id.
        return _clients.GetOrAdd(modelId, static (id, endpoint) => new OpenAIChatClient(endpoint, id), _endpoint);
    }

    /// <summary>Creates a router that sends each tier to the model configured for it.</summary>
    /// <param name="catalog">Prices and context windows. The default value is <see cref="ModelCatalog.Default"/>.</param>
    /// <returns>A router over this provider.</returns>
    public ModelRouter CreateRouter(ModelCatalog? catalog = null) => new(catalog ?? ModelCatalog.Default, this, TierModels);
}
