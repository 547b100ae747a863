using Foreman.Models;

namespace Foreman.Patterns.Tiering;

/// <summary>
/// Model tiering: which tier each task type runs on (classification and routing on fast, extraction on
/// standard, hard reasoning on premium), and which models to fall back to, in order, when the tier's model
/// fails. Immutable once built; thread-safe.
/// </summary>
public sealed class TierPolicy
{
    private readonly Dictionary<string, ModelTier> _tiers = new(StringComparer.Ordinal);
    private readonly Dictionary<ModelTier, string[]> _fallbacks = [];
    private readonly Dictionary<ModelTier, ModelTier[]> _tierFallbacks = [];

    /// <summary>Gets the tier of a task type the policy does not list. The default value is <see cref="ModelTier.Standard"/>.</summary>
    public ModelTier DefaultTier { get; init; } = ModelTier.Standard;

    /// <summary>Routes a task type to a tier.</summary>
    /// <param name="taskType">The task type, for example <c>classify</c>.</param>
    /// <param name="tier">The tier.</param>
    /// <returns>This policy.</returns>
    public TierPolicy Route(string taskType, ModelTier tier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskType);
        _tiers[taskType] = tier;
        return this;
    }

    /// <summary>Sets the models tried, in order, when a tier's model fails.</summary>
    /// <param name="tier">The tier.</param>
    /// <param name="models">The fallback model ids.</param>
    /// <returns>This policy.</returns>
    public TierPolicy FallBack(ModelTier tier, params string[] models)
    {
        ArgumentNullException.ThrowIfNull(models);
        _fallbacks[tier] = [.. models];
        return this;
    }

    /// <summary>
    /// Sets the tiers tried, in order, after the fallback models, when a tier's model fails — for example fast, then
    /// standard. Tiers resolve through the model router, so this works whatever models the deployment maps them to.
    /// </summary>
    /// <param name="tier">The tier.</param>
    /// <param name="tiers">The fallback tiers.</param>
    /// <returns>This policy.</returns>
    public TierPolicy FallBackToTier(ModelTier tier, params ModelTier[] tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        _tierFallbacks[tier] = [.. tiers];
        return this;
    }

    /// <summary>Gets the fallback tiers of a tier, in order.</summary>
    /// <param name="tier">The tier.</param>
    /// <returns>The tiers; empty when none.</returns>
    public IReadOnlyList<ModelTier> TierFallbacksFor(ModelTier tier) => _tierFallbacks.TryGetValue(tier, out var tiers) ? tiers : [];

    /// <summary>Gets the tier of a task type.</summary>
    /// <param name="taskType">The task type.</param>
    /// <returns>The tier.</returns>
    public ModelTier TierFor(string taskType) => _tiers.TryGetValue(taskType, out var tier) ? tier : DefaultTier;

    /// <summary>Gets the fallback models of a tier, in order.</summary>
    /// <param name="tier">The tier.</param>
    /// <returns>The model ids; empty when none.</returns>
    public IReadOnlyList<string> FallbacksFor(ModelTier tier) => _fallbacks.TryGetValue(tier, out var models) ? models : [];
}
