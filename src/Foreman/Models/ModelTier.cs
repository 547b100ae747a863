namespace Foreman.Models;

/// <summary>The capability and price band of a model; agents may ask for a tier instead of a model.</summary>
public enum ModelTier
{
    /// <summary>Small, cheap and quick: classification, routing, extraction of simple fields.</summary>
    Fast,

    /// <summary>The default for most agent work.</summary>
    Standard,

    /// <summary>The most capable and most expensive models, for hard reasoning.</summary>
    Premium,
}
