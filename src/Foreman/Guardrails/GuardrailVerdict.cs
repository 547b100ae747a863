namespace Foreman.Guardrails;

/// <summary>The answer of a guardrail: pass, or a rejection with a code a program can branch on.</summary>
public sealed record GuardrailVerdict
{
    private GuardrailVerdict(GuardrailRejection? rejection) => Rejection = rejection;

    /// <summary>Gets the shared passing verdict.</summary>
    public static GuardrailVerdict Pass { get; } = new((GuardrailRejection?)null);

    /// <summary>Gets the rejection, or <see langword="null"/> when the request passed.</summary>
    public GuardrailRejection? Rejection { get; }

    /// <summary>Gets a value indicating whether the request passed.</summary>
    public bool Passed => Rejection is null;

    /// <summary>Creates a rejection.</summary>
    /// <param name="guardrail">The guardrail's name.</param>
    /// <param name="code">A stable code, for example <c>prompt_injection</c>.</param>
    /// <param name="reason">A sentence for the caller.</param>
    /// <param name="evidence">What triggered it (a matched phrase, a field), if useful.</param>
    /// <returns>The verdict.</returns>
    public static GuardrailVerdict Reject(string guardrail, string code, string reason, string? evidence = null) =>
        new(new GuardrailRejection(guardrail, code, reason, evidence));
}
