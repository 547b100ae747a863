namespace Foreman.Tracing;

/// <summary>The result of parsing a trace query: the query, or an error that says where and why.</summary>
/// <param name="Query">The query, when the text was valid.</param>
/// <param name="Error">What is wrong, when it was not.</param>
public sealed record TraceQueryParseResult(TraceQuery? Query, string? Error)
{
    /// <summary>Gets a value indicating whether the text parsed.</summary>
    public bool IsValid => Query is not null;
}
