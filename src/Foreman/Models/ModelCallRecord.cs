namespace Foreman.Models;

/// <summary>What one model call consumed: recorded for every call, including failed and retried ones.</summary>
/// <param name="Model">The model that answered (or was asked, when the call failed).</param>
/// <param name="PromptTokens">Prompt (input) tokens.</param>
/// <param name="CompletionTokens">Completion (output) tokens.</param>
/// <param name="Timestamp">When the call started, from the run's <see cref="TimeProvider"/>.</param>
/// <param name="Duration">How long the call took.</param>
/// <param name="Cost">The price of the call from the catalog; zero for a model the catalog does not list.</param>
/// <param name="IsRetry">Whether the call repeated an earlier failed call (counted in the retry cost dimension).</param>
public sealed record ModelCallRecord(
    string Model,
    long PromptTokens,
    long CompletionTokens,
    DateTimeOffset Timestamp,
    TimeSpan Duration,
    decimal Cost,
    bool IsRetry = false)
{
    /// <summary>Gets the total tokens of the call.</summary>
    public long TotalTokens => PromptTokens + CompletionTokens;
}
