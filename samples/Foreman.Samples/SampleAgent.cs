using Foreman.Agents;
using Foreman.Testing;

namespace Foreman.Samples;

/// <summary>
/// A ready-to-run sample agent: how to build it, how the simulated model plays it when no endpoint is
/// configured, and an example input.
/// </summary>
/// <param name="Name">The name used on the command line.</param>
/// <param name="Description">One line about what it shows.</param>
/// <param name="Build">Builds the agent.</param>
/// <param name="SimulatedBehavior">How the built-in simulated model answers for this agent.</param>
/// <param name="ExampleInput">An example request.</param>
public sealed record SampleAgent(
    string Name,
    string Description,
    Func<Agent> Build,
    Func<SimulationTurnContext, SimulatedTurn> SimulatedBehavior,
    string ExampleInput);
