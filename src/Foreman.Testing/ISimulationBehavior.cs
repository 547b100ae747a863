namespace Foreman.Testing;

/// <summary>
/// Decides what the simulated model says on each call: the "brain" of a <see cref="SimulatedChatClient"/>.
/// Fault injection is applied on top of whatever the behaviour returns. Implementations must be thread-safe:
/// a client may be called concurrently, and one behaviour may serve several clients.
/// </summary>
public interface ISimulationBehavior
{
    /// <summary>Produces the model's next turn for the conversation in <paramref name="context"/>.</summary>
    /// <param name="context">The conversation so far, the tools offered and a seeded random source.</param>
    /// <returns>The turn: tool calls, or a final text.</returns>
    SimulatedTurn NextTurn(SimulationTurnContext context);
}
