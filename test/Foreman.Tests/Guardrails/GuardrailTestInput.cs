using Foreman.Guardrails;

namespace Foreman.Tests.Guardrails;

internal static class GuardrailTestInput
{
    public static GuardrailInput Of(string text, IReadOnlyDictionary<string, string>? metadata = null) =>
        new("support-agent", text, metadata ?? new Dictionary<string, string>(StringComparer.Ordinal));

    public static GuardrailVerdict Evaluate(this IInputGuardrail guardrail, string text, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var pending = guardrail.EvaluateAsync(Of(text, metadata), CancellationToken.None);
        pending.IsCompleted.ShouldBeTrue("the guardrail is synchronous");
        return pending.Result;
    }
}
