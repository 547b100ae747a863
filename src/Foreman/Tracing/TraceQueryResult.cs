namespace Foreman.Tracing;

/// <summary>The answer to a text trace query.</summary>
/// <param name="Runs">The matching runs, newest first.</param>
/// <param name="Error">Why the query text was refused, or <see langword="null"/>.</param>
public sealed record TraceQueryResult(IReadOnlyList<TraceRunSummary> Runs, string? Error)
{
    /// <summary>Gets a value indicating whether the query ran.</summary>
    public bool IsValid => Error is null;
}
