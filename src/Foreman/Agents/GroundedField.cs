namespace Foreman.Agents;

/// <summary>
/// An output field that must come from the world, not from the model's imagination: its value has to appear in a
/// tool result of this run, and may be checked by a verifier (for example, "the order exists in the database").
/// </summary>
/// <param name="Pointer">The field's JSON Pointer in the output, for example <c>/order_number</c>.</param>
/// <param name="Verifier">An optional extra check.</param>
public sealed record GroundedField(string Pointer, IGroundingVerifier? Verifier = null);
