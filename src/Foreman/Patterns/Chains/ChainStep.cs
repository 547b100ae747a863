using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Chains;

/// <summary>One step of a sequential chain: its worker and what it passes forward.</summary>
/// <param name="Name">The step's name.</param>
/// <param name="Worker">The worker; it receives the compressed context as its task input.</param>
/// <param name="Forward">What the step passes to the next one; <see langword="null"/> only for the last step (its output is the chain's output).</param>
public sealed record ChainStep(string Name, IWorker Worker, IContextCompressor? Forward)
{
    /// <summary>Gets the step's retries, fallback and contract. The default value is <see cref="DispatchOptions.Default"/>.</summary>
    public DispatchOptions Dispatch { get; init; } = DispatchOptions.Default;
}
