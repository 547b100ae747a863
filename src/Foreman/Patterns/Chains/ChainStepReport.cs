using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Chains;

/// <summary>What one chain step received, produced and passed on.</summary>
/// <param name="Step">The step's name.</param>
/// <param name="Index">The 1-based position.</param>
/// <param name="Status">How the step ended.</param>
/// <param name="ContextBytes">The size of the context it received, in UTF-8 bytes.</param>
/// <param name="OutputBytes">The size of its output.</param>
/// <param name="ForwardedBytes">The size of what it passed forward (after compression).</param>
/// <param name="Cost">The inference cost of the step, every attempt included.</param>
public sealed record ChainStepReport(string Step, int Index, WorkStatus Status, int ContextBytes, int OutputBytes, int ForwardedBytes, decimal Cost);
