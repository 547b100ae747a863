namespace Foreman.Workflows.States;

/// <summary>A business state: where it may lead and what happens when its work fails.</summary>
/// <param name="Name">The state's name.</param>
/// <param name="Next">The states it may move to; empty for a terminal state.</param>
/// <param name="OnFailure">The failure policy.</param>
public sealed record StateDefinition(string Name, IReadOnlyList<string> Next, StateFailurePolicy OnFailure)
{
    /// <summary>Gets a value indicating whether the state is final.</summary>
    public bool IsTerminal => Next.Count == 0;
}
