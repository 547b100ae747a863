using System.Collections.Frozen;

namespace Foreman.Workflows.States;

/// <summary>
/// A workflow's business states, their valid transitions and the failure handling of each. Immutable; run it
/// with <see cref="StateMachineRunner.RunStateMachineAsync"/>.
/// </summary>
public sealed class BusinessStateMachine
{
    private readonly FrozenDictionary<string, StateDefinition> _states;

    /// <summary>Creates a state machine.</summary>
    /// <param name="initial">The first state.</param>
    /// <param name="states">Every state; transitions must name declared states.</param>
    public BusinessStateMachine(string initial, IEnumerable<StateDefinition> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        _states = states.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
        if (!_states.ContainsKey(initial))
        {
            throw new ArgumentException($"The initial state '{initial}' is not declared.", nameof(initial));
        }

        var dangling = _states.Values.SelectMany(s => s.Next.Select(n => (s.Name, Next: n))).FirstOrDefault(t => !_states.ContainsKey(t.Next));
        if (dangling.Next is not null)
        {
            throw new ArgumentException($"State '{dangling.Name}' leads to undeclared state '{dangling.Next}'.", nameof(states));
        }

        Initial = initial;
    }

    /// <summary>
    /// Gets the ready-made approval pipeline: INTAKE → VALIDATING | REJECTED; VALIDATING → PLANNING | REJECTED;
    /// PLANNING → EXECUTING | FAILED (retry 3× then escalate); EXECUTING → REVIEWING | FAILED (checkpoint and retry
    /// from the last step); REVIEWING → COMPLETE | REVISING (human escalation); REVISING → EXECUTING | REJECTED.
    /// </summary>
    public static BusinessStateMachine ApprovalPipeline { get; } = new("INTAKE",
    [
        new("INTAKE", ["VALIDATING", "REJECTED"], StateFailurePolicy.ReturnError),
        new("VALIDATING", ["PLANNING", "REJECTED"], StateFailurePolicy.ReturnError),
        new("PLANNING", ["EXECUTING", "FAILED"], StateFailurePolicy.RetryThenEscalate(3, TimeSpan.FromSeconds(5))),
        new("EXECUTING", ["REVIEWING", "FAILED"], StateFailurePolicy.CheckpointAndRetry(3, TimeSpan.FromSeconds(5))),
        new("REVIEWING", ["COMPLETE", "REVISING"], StateFailurePolicy.HumanEscalation()),
        new("REVISING", ["EXECUTING", "REJECTED"], StateFailurePolicy.ReturnError),
        new("COMPLETE", [], StateFailurePolicy.ReturnError),
        new("REJECTED", [], StateFailurePolicy.ReturnError),
        new("FAILED", [], StateFailurePolicy.ReturnError),
    ]);

    /// <summary>Gets the first state.</summary>
    public string Initial { get; }

    /// <summary>Gets the states.</summary>
    public IReadOnlyDictionary<string, StateDefinition> States => _states;

    /// <summary>Gets a state's definition.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The definition.</returns>
    public StateDefinition this[string state] => _states.TryGetValue(state, out var definition)
        ? definition
        : throw new KeyNotFoundException($"State '{state}' is not declared.");

    /// <summary>Whether <paramref name="from"/> may lead to <paramref name="to"/>.</summary>
    /// <param name="from">The current state.</param>
    /// <param name="to">The next state.</param>
    /// <returns><see langword="true"/> for a declared transition.</returns>
    public bool CanTransition(string from, string to) =>
        _states.TryGetValue(from, out var state) && state.Next.Contains(to, StringComparer.Ordinal);
}
