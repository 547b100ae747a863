using Foreman.Testing;
using Microsoft.Extensions.AI;

namespace Foreman.Samples.Pipelines;

/// <summary>
/// The simulated model for every sample agent at once: it recognises the agent by the start of its system prompt
/// (the agent's instructions) and plays that agent, so one simulated provider serves a whole pipeline of
/// differently prompted agents. Thread-safe.
/// </summary>
public sealed class SampleSimulation : ISimulationBehavior
{
    private readonly List<(string Instructions, Func<SimulationTurnContext, SimulatedTurn> Play)> _plays = [];

    /// <summary>Creates the simulation of every sample agent and pipeline.</summary>
    /// <param name="rates">The mistake rates; <see cref="SimulationRates.Default"/> when <see langword="null"/>.</param>
    public SampleSimulation(SimulationRates? rates = null)
    {
        Rates = rates ?? SimulationRates.Default;
        foreach (var sample in SampleAgents.All)
        {
            var agent = sample.Build();
            Add(agent.Instructions, sample.SimulatedBehavior);
        }

        Invoices.InvoiceAgents.Register(this);
        Imports.ImportAgents.Register(this);
        Tickets.TicketAgents.Register(this);
        Add(Quality.InvoiceReader.Build().Instructions, Quality.InvoiceReader.Play);
    }

    /// <summary>Gets the mistake rates.</summary>
    public SimulationRates Rates { get; }

    /// <summary>Adds an agent's play.</summary>
    /// <param name="instructions">The agent's instructions (the start of its system prompt).</param>
    /// <param name="play">How the simulated model plays it.</param>
    public void Add(string instructions, Func<SimulationTurnContext, SimulatedTurn> play)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instructions);
        ArgumentNullException.ThrowIfNull(play);
        _plays.Add((instructions, play));

        // Longest first, so an instruction text that starts with another's still finds its own play.
        _plays.Sort((a, b) => b.Instructions.Length.CompareTo(a.Instructions.Length));
    }

    /// <inheritdoc />
    public SimulatedTurn NextTurn(SimulationTurnContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var system = context.Messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Text ?? string.Empty;
        foreach (var (instructions, play) in _plays)
        {
            if (system.StartsWith(instructions, StringComparison.Ordinal))
            {
                return play(context);
            }
        }

        return SimulatedTurn.Final("I am a simulated model and do not know this agent.");
    }
}
