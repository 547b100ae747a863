using System.Collections.Frozen;

namespace Foreman.Models;

/// <summary>
/// The models Foreman may call, with tier, price and context window. Immutable; thread-safe.
/// </summary>
public sealed class ModelCatalog
{
    private readonly FrozenDictionary<string, ModelInfo> _byId;
    private readonly FrozenDictionary<ModelTier, ModelInfo> _defaultByTier;

    /// <summary>Creates a catalog. The first model listed for a tier is that tier's default.</summary>
    /// <param name="models">The models; ids must be unique.</param>
    /// <param name="currency">The ISO currency code prices are expressed in. The default value is <c>USD</c>.</param>
    public ModelCatalog(IEnumerable<ModelInfo> models, string currency = "USD")
    {
        ArgumentNullException.ThrowIfNull(models);
        var list = models.ToList();
        var duplicate = list.GroupBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The catalog lists model '{duplicate.Key}' more than once.", nameof(models));
        }

        foreach (var model in list)
        {
            if (model.ContextWindow <= 0 || model.InputPricePerMillion < 0 || model.OutputPricePerMillion < 0)
            {
                throw new ArgumentException($"Model '{model.Id}' has a negative price or a non-positive context window.", nameof(models));
            }
        }

        Models = list;
        Currency = currency;
        _byId = list.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal);
        _defaultByTier = list.GroupBy(m => m.Tier).ToFrozenDictionary(g => g.Key, g => g.First());
    }

    /// <summary>Gets the ISO currency code of every price in this catalog.</summary>
    public string Currency { get; }

    /// <summary>Gets every model in the catalog, in the order given.</summary>
    public IReadOnlyList<ModelInfo> Models { get; }

    /// <summary>
    /// Gets a catalog of common hosted models with list prices (USD per million tokens) current when this
    /// release was cut. Override prices through configuration for your contract.
    /// </summary>
    public static ModelCatalog Default { get; } = new(
    [
        new ModelInfo("gpt-4o-mini", ModelTier.Fast, 0.15m, 0.60m, 128_000),
        new ModelInfo("gpt-4.1-mini", ModelTier.Fast, 0.40m, 1.60m, 1_047_576),
        new ModelInfo("gpt-4.1", ModelTier.Standard, 2.00m, 8.00m, 1_047_576),
        new ModelInfo("gpt-4o", ModelTier.Standard, 2.50m, 10.00m, 128_000),
        new ModelInfo("o3", ModelTier.Premium, 2.00m, 8.00m, 200_000),
        new ModelInfo("simulated-fast", ModelTier.Fast, 0.15m, 0.60m, 128_000),
        new ModelInfo("simulated-standard", ModelTier.Standard, 2.50m, 10.00m, 128_000),
        new ModelInfo("simulated-premium", ModelTier.Premium, 10.00m, 40.00m, 200_000),
    ]);

    /// <summary>Looks a model up by id.</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="model">The model, when found.</param>
    /// <returns><see langword="true"/> when the catalog lists the model.</returns>
    public bool TryGet(string modelId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelInfo? model) =>
        _byId.TryGetValue(modelId, out model);

    /// <summary>Gets the default model of a tier.</summary>
    /// <param name="tier">The tier.</param>
    /// <returns>The first model listed for the tier, or <see langword="null"/> when the tier is empty.</returns>
    public ModelInfo? DefaultFor(ModelTier tier) => _defaultByTier.GetValueOrDefault(tier);

    /// <summary>Returns a catalog with the given models added or replaced, keeping the order of the others.</summary>
    /// <param name="models">Models to add, or to replace when the id exists.</param>
    /// <returns>A new catalog.</returns>
    public ModelCatalog With(params IEnumerable<ModelInfo> models)
    {
        var replacements = models.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var merged = Models.Select(m => replacements.Remove(m.Id, out var r) ? r : m).ToList();
        merged.InsertRange(0, replacements.Values);
        return new ModelCatalog(merged, Currency);
    }
}
