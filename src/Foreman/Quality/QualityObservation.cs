namespace Foreman.Quality;

/// <summary>One output an agent produced, offered to the monitor for sampling.</summary>
public sealed record QualityObservation
{
    /// <summary>Gets the run (the root run id, so verdicts reach the run's trace).</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the pipeline (workflow name) the output belongs to.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Gets the agent.</summary>
    public required string Agent { get; init; }

    /// <summary>Gets the task type (use case), for example <c>invoice-extraction</c>.</summary>
    public required string TaskType { get; init; }

    /// <summary>Gets the output as JSON text (or plain text).</summary>
    public required string Output { get; init; }

    /// <summary>Gets the agent's confidence, 0 to 1.</summary>
    public double Confidence { get; init; }

    /// <summary>Gets the key a labelled dataset knows the input by (for example the document id), or <see langword="null"/>.</summary>
    public string? InputKey { get; init; }

    /// <summary>Gets the input as text, shown to the reviewer, or <see langword="null"/>.</summary>
    public string? Input { get; init; }

    /// <summary>Gets the JSON Schema a reviewer's corrected value must satisfy (the agent's output schema), or <see langword="null"/>.</summary>
    public string? OutputSchema { get; init; }
}
