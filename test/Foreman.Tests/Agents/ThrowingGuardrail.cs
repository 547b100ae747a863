using Foreman.Guardrails;

namespace Foreman.Tests.Agents;

/// <summary>A guardrail that fails with the given exception, as one calling a moderation service might.</summary>
internal sealed class ThrowingGuardrail(Func<Exception> failure) : IInputGuardrail
{
    public string Name => "moderation-service";

    public int Calls { get; private set; }

    public ValueTask<GuardrailVerdict> EvaluateAsync(GuardrailInput input, CancellationToken cancellationToken)
    {
        Calls++;
        throw failure();
    }
}
