namespace Foreman.Testing;

/// <summary>
/// A behaviour written as a function of the conversation, for simulated models that react to what they see
/// ("call lookup with the id in the user message, then answer from the tool result"). Thread-safe when the
/// function is.
/// </summary>
public sealed class DelegateBehavior : ISimulationBehavior
{
    private readonly Func<SimulationTurnContext, SimulatedTurn> _respond;

    /// <summary>Creates the behaviour.</summary>
    /// <param name="respond">Computes each turn; it should depend only on the context so that runs are reproducible.</param>
    public DelegateBehavior(Func<SimulationTurnContext, SimulatedTurn> respond)
    {
        _respond = respond ?? throw new ArgumentNullException(nameof(respond));
    }

    /// <inheritdoc />
    public SimulatedTurn NextTurn(SimulationTurnContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _respond(context)
            ?? throw new InvalidOperationException($"The simulated-model delegate returned null for call {context.CallNumber} (turn {context.Turn}); return a SimulatedTurn.");
    }
}
