namespace Foreman.Guardrails;

/// <summary>What an input guardrail sees.</summary>
/// <param name="AgentName">The agent the request is for.</param>
/// <param name="Input">The request text (often JSON).</param>
/// <param name="Metadata">Caller-supplied facts: tenant, channel, amounts.</param>
public sealed record GuardrailInput(string AgentName, string Input, IReadOnlyDictionary<string, string> Metadata);
