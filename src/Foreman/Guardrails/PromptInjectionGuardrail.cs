using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Foreman.Guardrails;

/// <summary>
/// Heuristics against prompt injection in user input: instructions to ignore or reveal the system prompt,
/// role and delimiter spoofing, and invisible Unicode used to smuggle text. A heuristic, not a proof: it is
/// one layer beside permissions and approvals, which hold even when an injection gets through.
/// </summary>
public sealed partial class PromptInjectionGuardrail : IInputGuardrail
{
    /// <inheritdoc />
    public string Name => "prompt-injection";

    /// <inheritdoc />
    public ValueTask<GuardrailVerdict> EvaluateAsync(GuardrailInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Input;
        if (HasInvisibleControl(text, out var codePoint))
        {
            return ValueTask.FromResult(GuardrailVerdict.Reject(Name, "hidden_characters", "The request contains invisible Unicode characters that can hide instructions.", $"U+{codePoint:X4}"));
        }

        var folded = Fold(text);
        var normalized = WhiteSpace().Replace(folded, " ");
        try
        {
            foreach (var (pattern, code, perLine) in Patterns)
            {
                var match = pattern.Match(perLine ? folded : normalized);
                if (match.Success)
                {
                    return ValueTask.FromResult(GuardrailVerdict.Reject(Name, code, "The request looks like an attempt to override the agent's instructions.", match.Value.Length > 80 ? match.Value[..80] : match.Value));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return ValueTask.FromResult(GuardrailVerdict.Reject(Name, "inspection_timeout", "The request could not be inspected in time."));
        }

        return ValueTask.FromResult(GuardrailVerdict.Pass);
    }

    // PerLine patterns see the text with its line breaks (role labels count only at the start of a line); the others
    // see white space collapsed, so "ignore\n\nprevious   instructions" reads as one phrase.
    private static readonly (Regex Pattern, string Code, bool PerLine)[] Patterns =
    [
        (IgnoreInstructions(), "prompt_injection", false),
        (RevealPrompt(), "prompt_exfiltration", false),
        (RoleOverride(), "role_override", false),
        (DelimiterSpoof(), "delimiter_spoofing", true),
    ];

    // Folds look-alike full-width letters so trivial obfuscation does not evade the patterns. Full-width ASCII is folded
    // by hand too: under invariant globalization (as this repository builds) string.Normalize leaves it unchanged.
    private static string Fold(string text)
    {
        string normalized;
        try
        {
            normalized = text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Unpaired surrogates: normalization refuses them; inspect the text as it is.
            normalized = text;
        }

        return string.Create(normalized.Length, normalized, static (folded, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                folded[i] = c switch
                {
                    >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                    '\u3000' => ' ',
                    _ => c,
                };
            }
        });
    }

    private static bool HasInvisibleControl(string text, out int codePoint)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var isTag = rune.Value is >= 0xE0000 and <= 0xE007F;
            var isBidiOverride = rune.Value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069;
            // Marks that ordinary text needs stay allowed: ZWJ in emoji, ZWNJ in Persian, LRM/RLM in Hebrew and
            // Arabic, soft hyphens, the byte-order mark. Tag characters, bidi overrides and other format
            // characters can hide text from a reviewer and are refused.
            var everyday = rune.Value is 0x200C or 0x200D or 0x200E or 0x200F or 0x00AD or 0xFEFF;
            if (isTag || isBidiOverride || (category == UnicodeCategory.Format && !everyday))
            {
                codePoint = rune.Value;
                return true;
            }
        }

        codePoint = 0;
        return false;
    }

    // A few words at most between the verb, the qualifier and the noun: "ignore all previous instructions" matches,
    // "please disregard my previous email - the delivery instructions have changed" does not.
    [GeneratedRegex(@"\b(ignore|disregard|forget|override)(\W+\w+){0,3}?\W+(previous|prior|above|earlier|all|your|the\W+system)(\W+\w+){0,2}?\W+(instructions?|prompts?|rules|directions|guidelines)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex IgnoreInstructions();

    [GeneratedRegex(@"\b(reveal|print|show|repeat|output|leak)\b.{0,40}\b(system prompt|hidden instructions|your instructions|initial prompt|developer message)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex RevealPrompt();

    [GeneratedRegex(@"\b(you are now (dan|an? (unrestricted|unfiltered|uncensored|jailbroken|evil)\b|in developer mode)|from now on,? you (are|will) (no longer|not|ignore|an? (unrestricted|unfiltered|uncensored|jailbroken|evil))|act as (an? )?(unrestricted|jailbroken|dan)\b|(enable|enter|activate) (dan|jailbreak)|do anything now)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 200)]
    private static partial Regex RoleOverride();

    [GeneratedRegex(@"(<\|im_(start|end)\|>|<\|(system|assistant)\|>|\[/?INST\]|<<SYS>>|^\s*(system|assistant)\s*:[^\n]{0,80}\b(you are|you must|ignore|disregard|skip|bypass|override|approve|new instructions|from now on)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Multiline, 200)]
    private static partial Regex DelimiterSpoof();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex WhiteSpace();
}
