namespace Foreman.Guardrails;

/// <summary>A structured rejection of a request by a guardrail.</summary>
/// <param name="Guardrail">The guardrail's name.</param>
/// <param name="Code">A stable, machine-readable code.</param>
/// <param name="Reason">A sentence for the caller.</param>
/// <param name="Evidence">What triggered it, when useful and safe to show.</param>
public sealed record GuardrailRejection(string Guardrail, string Code, string Reason, string? Evidence);
