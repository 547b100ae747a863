namespace Foreman.Tracing;

/// <summary>
/// The read side of traces, for the CLI (<c>foreman traces</c>) and the server's API: query runs with the trace
/// query language, and read one run's trace as a tree. Thread-safe.
/// </summary>
/// <param name="store">The trace store.</param>
/// <param name="timeProvider">The clock, for relative windows such as <c>since 1h</c>. The default value is <see cref="TimeProvider.System"/>.</param>
public sealed class TraceQueryService(ITraceStore store, TimeProvider? timeProvider = null)
{
    private readonly ITraceStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Runs a query written in the trace query language (see <see cref="TraceQueryParser"/>).</summary>
    /// <param name="text">The query, for example <c>retries &gt; 3 and since 1h</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching runs newest first, or the parse error.</returns>
    public async Task<TraceQueryResult> QueryAsync(string? text, CancellationToken cancellationToken)
    {
        var parsed = TraceQueryParser.Parse(text, _time.GetUtcNow());
        return parsed.Query is { } query
            ? new TraceQueryResult(await _store.QueryRunsAsync(query, cancellationToken), null)
            : new TraceQueryResult([], parsed.Error);
    }

    /// <summary>Runs a query built in code.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching runs, newest first.</returns>
    public Task<IReadOnlyList<TraceRunSummary>> QueryAsync(TraceQuery query, CancellationToken cancellationToken) => _store.QueryRunsAsync(query, cancellationToken);

    /// <summary>Reads one run's trace as a tree.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The trace, or <see langword="null"/> when nothing was recorded for the run.</returns>
    public async Task<RunTrace?> GetTraceAsync(string runId, CancellationToken cancellationToken)
    {
        var summary = await _store.GetRunAsync(runId, cancellationToken);
        if (summary is null)
        {
            return null;
        }

        var spans = await _store.GetSpansAsync(runId, cancellationToken);
        return new RunTrace(summary, BuildTree(spans));
    }

    /// <summary>Arranges spans into trees by parent id; spans whose parent is not in the list are roots.</summary>
    /// <param name="spans">The spans.</param>
    /// <returns>The roots, oldest first.</returns>
    public static IReadOnlyList<TraceNode> BuildTree(IReadOnlyList<TraceSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans.Where(s => s.ParentSpanId is { } p && ids.Contains(p)).ToLookup(s => s.ParentSpanId!, StringComparer.Ordinal);
        TraceNode Node(TraceSpan span) => new(span, children[span.SpanId].OrderBy(s => s.StartedAt).ThenBy(s => s.Sequence).Select(Node).ToList());
        return spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).OrderBy(s => s.StartedAt).ThenBy(s => s.Sequence).Select(Node).ToList();
    }
}
