namespace Foreman.Samples.Pipelines;

/// <summary>
/// How often the simulated model makes each kind of realistic mistake in the sample pipelines. Every mistake is
/// drawn per agent instance from a random source seeded by the conversation (its system prompt included), so
/// three differently prompted instances reading the same document err independently, and a rerun of the same
/// dataset makes the same mistakes.
/// </summary>
public sealed record SimulationRates
{
    /// <summary>Gets the defaults: 4.2% amount misreads per instance (the published single-extractor error rate), 1% elsewhere.</summary>
    public static SimulationRates Default { get; } = new();

    /// <summary>Gets the share of amount readings that are wrong (subtotal for total, transposed or dropped digit, tax amount). The default value is 0.042.</summary>
    public double AmountError { get; init; } = 0.042;

    /// <summary>Gets the share of classifications that are wrong. The default value is 0.01.</summary>
    public double ClassificationError { get; init; } = 0.01;

    /// <summary>Gets the share of text-field extractions with a wrong value (a truncated name, a clipped description). The default value is 0.01.</summary>
    public double FieldError { get; init; } = 0.01;

    /// <summary>Gets the share of generated replies with an invented fact or a curt tone. The default value is 0.05.</summary>
    public double ReplyDefect { get; init; } = 0.05;
}
