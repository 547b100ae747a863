namespace Foreman.Guardrails;

/// <summary>Rejects empty requests and requests longer than a limit, before they cost a model call.</summary>
/// <param name="maxCharacters">The longest request accepted. The default value is 50,000.</param>
public sealed class InputSizeGuardrail(int maxCharacters = 50_000) : IInputGuardrail
{
    /// <inheritdoc />
    public string Name => "input-size";

    /// <inheritdoc />
    public ValueTask<GuardrailVerdict> EvaluateAsync(GuardrailInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(input.Input))
        {
            return ValueTask.FromResult(GuardrailVerdict.Reject(Name, "empty_input", "The request is empty."));
        }

        return ValueTask.FromResult(input.Input.Length > maxCharacters
            ? GuardrailVerdict.Reject(Name, "input_too_large", $"The request is {input.Input.Length} characters long; the limit is {maxCharacters}.")
            : GuardrailVerdict.Pass);
    }
}
