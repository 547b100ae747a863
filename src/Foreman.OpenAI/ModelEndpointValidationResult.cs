namespace Foreman.OpenAI;

/// <summary>The outcome of <see cref="ModelEndpointOptions.Validate"/>: errors prevent use, warnings do not.</summary>
public sealed class ModelEndpointValidationResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="errors">Problems that make the options unusable.</param>
    /// <param name="warnings">Problems worth telling the user about that do not prevent use.</param>
    public ModelEndpointValidationResult(IReadOnlyList<string> errors, IReadOnlyList<string> warnings)
    {
        Errors = errors ?? throw new ArgumentNullException(nameof(errors));
        Warnings = warnings ?? throw new ArgumentNullException(nameof(warnings));
    }

    /// <summary>Gets a value indicating whether the options can be used (there are no errors).</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Gets the problems that make the options unusable, each a complete sentence naming the setting.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Gets the problems that do not prevent use, each a complete sentence naming the setting.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Lists the errors, then the warnings, one a line.</summary>
    /// <returns>The description; "valid" when there is nothing to report.</returns>
    public override string ToString() =>
        Errors.Count + Warnings.Count == 0
            ? "valid"
            : string.Join(Environment.NewLine, Errors.Select(e => "error: " + e).Concat(Warnings.Select(w => "warning: " + w)));
}
