namespace Foreman.Tracing;

/// <summary>
/// A query over run traces: every condition must hold, and the run must have started within
/// [<see cref="Since"/>, <see cref="Until"/>). Parse the text form with <see cref="TraceQueryParser"/>.
/// </summary>
public sealed record TraceQuery
{
    /// <summary>Gets the conditions (all must hold).</summary>
    public IReadOnlyList<TraceCondition> Conditions { get; init; } = [];

    /// <summary>Gets the earliest start time, or <see langword="null"/>.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Gets the latest start time (exclusive), or <see langword="null"/>.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Gets the most runs returned, newest first. The default value is 100.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Evaluates the query against a summary in memory.</summary>
    /// <param name="run">The run summary.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(TraceRunSummary run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return (Since is not { } since || run.StartedAt >= since)
            && (Until is not { } until || run.StartedAt < until)
            && Conditions.All(c => c.Matches(run));
    }
}
