using System.Text.Json;
using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Chains;

/// <summary>The result of a chain: the last output and the context size at every step.</summary>
/// <param name="Status">Success when every step succeeded; otherwise the status of the step that stopped the chain.</param>
/// <param name="Output">The last step's output, or <see langword="null"/> when the chain stopped early.</param>
/// <param name="Steps">A report per step that ran.</param>
/// <param name="Error">Why the chain stopped, or <see langword="null"/>.</param>
public sealed record ChainResult(WorkStatus Status, JsonElement? Output, IReadOnlyList<ChainStepReport> Steps, string? Error)
{
    /// <summary>Gets the largest context any step received.</summary>
    public int MaxContextBytes => Steps.Count == 0 ? 0 : Steps.Max(s => s.ContextBytes);

    /// <summary>Gets the cost of every step.</summary>
    public decimal Cost => Steps.Sum(s => s.Cost);
}
