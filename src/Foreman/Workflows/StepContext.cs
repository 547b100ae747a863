namespace Foreman.Workflows;

/// <summary>What a step's body knows about itself.</summary>
/// <param name="RunId">The run.</param>
/// <param name="StepName">The step's name.</param>
/// <param name="StepKey">The step's position in the workflow.</param>
/// <param name="Attempt">The attempt, from 1.</param>
public sealed record StepContext(string RunId, string StepName, string StepKey, int Attempt)
{
    /// <summary>
    /// Gets a key that is the same on every attempt and every replay of this step (run id + step position).
    /// Pass it to any system the step changes so that a repeated execution is recognised and not applied twice.
    /// </summary>
    public string IdempotencyKey => $"{RunId}:{StepKey}";
}
