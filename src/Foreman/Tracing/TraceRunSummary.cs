namespace Foreman.Tracing;

/// <summary>
/// The queryable summary of one run's trace. A store merges summaries of the same run as they arrive in
/// batches (<see cref="Merge"/>): counts and amounts add up, <see cref="StartedAt"/> takes the earliest, <see cref="EndedAt"/> the
/// latest, <see cref="MinConfidence"/> the lowest, <see cref="Agents"/> the union, and <see cref="Pipeline"/>
/// and <see cref="Status"/> the latest non-null value.
/// </summary>
public sealed record TraceRunSummary
{
    /// <summary>Gets the run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the pipeline: the workflow name, or <c>agent:{name}</c> for an agent run outside a workflow.</summary>
    public string? Pipeline { get; init; }

    /// <summary>Gets the run's status as last reported: <c>completed</c>, <c>failed</c>, <c>waiting</c>, <c>dead_lettered</c>, <c>suspended</c>, …</summary>
    public string? Status { get; init; }

    /// <summary>Gets when the first span started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when the last span ended.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>Gets the number of spans.</summary>
    public int Spans { get; init; }

    /// <summary>Gets the agent invocations (<c>invoke_agent</c> spans).</summary>
    public int AgentInvocations { get; init; }

    /// <summary>Gets the model calls (<c>chat</c> spans), failed attempts included.</summary>
    public int ModelCalls { get; init; }

    /// <summary>Gets the model calls that repeated or corrected earlier work (retries and repairs).</summary>
    public int RetriedModelCalls { get; init; }

    /// <summary>Gets the tool calls (<c>execute_tool</c> spans).</summary>
    public int ToolCalls { get; init; }

    /// <summary>Gets the tool calls that ended in an error.</summary>
    public int ToolErrors { get; init; }

    /// <summary>Gets the extra attempts tool calls took.</summary>
    public int ToolRetries { get; init; }

    /// <summary>Gets the agent invocations stopped by loop detection.</summary>
    public int LoopDetections { get; init; }

    /// <summary>Gets the agent invocations refused by an input guardrail.</summary>
    public int GuardrailRejections { get; init; }

    /// <summary>Gets the agent invocations whose output failed validation at least once.</summary>
    public int ValidationFailures { get; init; }

    /// <summary>Gets the prompt tokens.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the completion tokens.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the inference cost, retries included.</summary>
    public decimal Cost { get; init; }

    /// <summary>Gets the part of <see cref="Cost"/> spent on retried model calls.</summary>
    public decimal RetryCost { get; init; }

    /// <summary>Gets the lowest confidence a successful agent invocation reported, or <see langword="null"/>.</summary>
    public double? MinConfidence { get; init; }

    /// <summary>Gets the agents that ran, sorted.</summary>
    public IReadOnlyList<string> Agents { get; init; } = [];

    /// <summary>Gets whether ground-truth review found the output correct, or <see langword="null"/> when not verified.</summary>
    public bool? Correct { get; init; }

    /// <summary>Gets the retries: retried model calls plus extra tool attempts.</summary>
    public int Retries => RetriedModelCalls + ToolRetries;

    /// <summary>Gets the wall time from the first span's start to the last span's end.</summary>
    public TimeSpan Duration => EndedAt - StartedAt;

    /// <summary>Merges a later increment of the same run into this summary (see the type's remarks).</summary>
    /// <param name="later">The increment.</param>
    /// <returns>The merged summary.</returns>
    public TraceRunSummary Merge(TraceRunSummary later)
    {
        ArgumentNullException.ThrowIfNull(later);
        return this with
        {
            Pipeline = later.Pipeline ?? Pipeline,
            Status = later.Status ?? Status,
            StartedAt = later.StartedAt < StartedAt ? later.StartedAt : StartedAt,
            EndedAt = later.EndedAt > EndedAt ? later.EndedAt : EndedAt,
            Spans = Spans + later.Spans,
            AgentInvocations = AgentInvocations + later.AgentInvocations,
            ModelCalls = ModelCalls + later.ModelCalls,
            RetriedModelCalls = RetriedModelCalls + later.RetriedModelCalls,
            ToolCalls = ToolCalls + later.ToolCalls,
            ToolErrors = ToolErrors + later.ToolErrors,
            ToolRetries = ToolRetries + later.ToolRetries,
            LoopDetections = LoopDetections + later.LoopDetections,
            GuardrailRejections = GuardrailRejections + later.GuardrailRejections,
            ValidationFailures = ValidationFailures + later.ValidationFailures,
            InputTokens = InputTokens + later.InputTokens,
            OutputTokens = OutputTokens + later.OutputTokens,
            Cost = Cost + later.Cost,
            RetryCost = RetryCost + later.RetryCost,
            MinConfidence = (MinConfidence, later.MinConfidence) switch
            {
                (null, var b) => b,
                (var a, null) => a,
                var (a, b) => Math.Min(a!.Value, b!.Value),
            },
            Agents = Agents.Union(later.Agents, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            Correct = later.Correct ?? Correct,
        };
    }
}
