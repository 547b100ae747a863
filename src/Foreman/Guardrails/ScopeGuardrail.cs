namespace Foreman.Guardrails;

/// <summary>
/// Keeps an agent to its domain: the request must mention at least one in-scope term and none of the
/// out-of-scope ones (case-insensitive, whole words or phrases).
/// </summary>
public sealed class ScopeGuardrail : IInputGuardrail
{
    private readonly string[] _required;
    private readonly string[] _forbidden;

    /// <summary>Creates the guardrail.</summary>
    /// <param name="inScopeTerms">Terms of which at least one must appear; empty to skip that check.</param>
    /// <param name="outOfScopeTerms">Terms that must not appear.</param>
    public ScopeGuardrail(IEnumerable<string> inScopeTerms, IEnumerable<string>? outOfScopeTerms = null)
    {
        _required = inScopeTerms?.ToArray() ?? throw new ArgumentNullException(nameof(inScopeTerms));
        _forbidden = outOfScopeTerms?.ToArray() ?? [];

        // An empty term would be found at every position and never past it: the word search would not end.
        if (_required.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("In-scope terms must not be empty or white space.", nameof(inScopeTerms));
        }

        if (_forbidden.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Out-of-scope terms must not be empty or white space.", nameof(outOfScopeTerms));
        }
    }

    /// <inheritdoc />
    public string Name => "scope";

    /// <inheritdoc />
    public ValueTask<GuardrailVerdict> EvaluateAsync(GuardrailInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var forbidden = _forbidden.FirstOrDefault(term => ContainsWord(input.Input, term));
        if (forbidden is not null)
        {
            return ValueTask.FromResult(GuardrailVerdict.Reject(Name, "out_of_scope", $"The request is outside this agent's scope ('{forbidden}').", forbidden));
        }

        if (_required.Length > 0 && !_required.Any(term => ContainsWord(input.Input, term)))
        {
            return ValueTask.FromResult(GuardrailVerdict.Reject(Name, "out_of_scope", $"The request does not concern this agent's domain ({string.Join(", ", _required)})."));
        }

        return ValueTask.FromResult(GuardrailVerdict.Pass);
    }

    private static bool ContainsWord(string text, string term)
    {
        var index = 0;
        while ((index = text.IndexOf(term, index, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var startOk = index == 0 || !char.IsLetterOrDigit(text[index - 1]);
            var end = index + term.Length;
            var endOk = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (startOk && endOk)
            {
                return true;
            }

            index = end;
        }

        return false;
    }
}
