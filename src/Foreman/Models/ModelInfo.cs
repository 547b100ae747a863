namespace Foreman.Models;

/// <summary>A model the catalog knows: its tier, its price and its context window.</summary>
/// <param name="Id">The model name the provider expects, for example <c>gpt-4o-mini</c>.</param>
/// <param name="Tier">The tier the model serves.</param>
/// <param name="InputPricePerMillion">Price of one million prompt tokens, in the catalog's currency.</param>
/// <param name="OutputPricePerMillion">Price of one million completion tokens, in the catalog's currency.</param>
/// <param name="ContextWindow">The maximum number of tokens the model accepts in one call.</param>
public sealed record ModelInfo(string Id, ModelTier Tier, decimal InputPricePerMillion, decimal OutputPricePerMillion, int ContextWindow)
{
    /// <summary>Computes the price of one call from its token counts.</summary>
    /// <param name="promptTokens">Prompt (input) tokens.</param>
    /// <param name="completionTokens">Completion (output) tokens.</param>
    /// <returns>The cost in the catalog's currency.</returns>
    public decimal CostOf(long promptTokens, long completionTokens) =>
        ((promptTokens * InputPricePerMillion) + (completionTokens * OutputPricePerMillion)) / 1_000_000m;
}
