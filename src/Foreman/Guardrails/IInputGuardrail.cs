namespace Foreman.Guardrails;

/// <summary>
/// A check on a request before the agent's first step: prompt-injection heuristics, scope, business rules.
/// Implementations must be thread-safe and must not throw for bad input: they reject it.
/// </summary>
public interface IInputGuardrail
{
    /// <summary>Gets the guardrail's name, reported with its rejections.</summary>
    string Name { get; }

    /// <summary>Checks one request.</summary>
    /// <param name="input">The request.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A pass, or a structured rejection.</returns>
    ValueTask<GuardrailVerdict> EvaluateAsync(GuardrailInput input, CancellationToken cancellationToken);
}
