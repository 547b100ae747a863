namespace Foreman.Guardrails;

/// <summary>A guardrail from a delegate, for business rules ("refunds over 500 need a manager's ticket").</summary>
/// <param name="name">The rule's name.</param>
/// <param name="rule">Returns <see langword="null"/> to pass, or the reason to reject.</param>
/// <param name="code">The code reported with rejections. The default value is <c>business_rule</c>.</param>
public sealed class BusinessRuleGuardrail(string name, Func<GuardrailInput, string?> rule, string code = "business_rule") : IInputGuardrail
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public ValueTask<GuardrailVerdict> EvaluateAsync(GuardrailInput input, CancellationToken cancellationToken)
    {
        var reason = rule(input);
        return ValueTask.FromResult(reason is null ? GuardrailVerdict.Pass : GuardrailVerdict.Reject(name, code, reason));
    }
}
