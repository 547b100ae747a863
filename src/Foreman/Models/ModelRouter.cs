using Microsoft.Extensions.AI;

namespace Foreman.Models;

/// <summary>
/// Resolves what an agent asked for (a model id, or only a tier) to a catalog entry and a client.
/// Thread-safe once built.
/// </summary>
public sealed class ModelRouter
{
    /// <summary>The context window assumed for a model the catalog does not list. The default value is 8,192.</summary>
    public const int UnknownModelContextWindow = 8_192;

    private readonly IChatClientProvider _provider;
    private readonly IReadOnlyDictionary<ModelTier, string> _tierModels;

    /// <summary>Creates a router.</summary>
    /// <param name="catalog">Prices and tiers of known models.</param>
    /// <param name="provider">Where clients come from.</param>
    /// <param name="tierModels">Per-tier model ids that override the catalog's tier defaults (from configuration).</param>
    public ModelRouter(ModelCatalog catalog, IChatClientProvider provider, IReadOnlyDictionary<ModelTier, string>? tierModels = null)
    {
        Catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _provider = provider ?? throw new ArgumentNullException(nameof(provider));
        _tierModels = tierModels ?? new Dictionary<ModelTier, string>();
    }

    /// <summary>Gets the catalog used for prices and tiers.</summary>
    public ModelCatalog Catalog { get; }

    /// <summary>Resolves a model id or tier to the model to call.</summary>
    /// <param name="modelId">An explicit model id, or <see langword="null"/> to choose by tier.</param>
    /// <param name="tier">The tier to use when no id is given.</param>
    /// <returns>The model's catalog entry (zero prices for a model the catalog does not list) and its client.</returns>
    /// <exception cref="InvalidOperationException">No model is configured for the tier.</exception>
    public (ModelInfo Model, IChatClient Client) Resolve(string? modelId, ModelTier tier)
    {
        var id = modelId
            ?? (_tierModels.TryGetValue(tier, out var configured) ? configured : null)
            ?? Catalog.DefaultFor(tier)?.Id
            ?? throw new InvalidOperationException($"No model is configured for the {tier} tier.");
        var info = Catalog.TryGet(id, out var known) ? known : new ModelInfo(id, tier, 0m, 0m, UnknownModelContextWindow);
        return (info, _provider.GetChatClient(id));
    }
}
