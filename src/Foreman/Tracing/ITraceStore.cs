namespace Foreman.Tracing;

/// <summary>
/// Durable storage of run traces: spans, and a summary per run that queries filter on. Implementations must be
/// thread-safe.
/// </summary>
/// <remarks>
/// Contract: <see cref="AppendAsync"/> stores the spans (a span id already stored for the run is ignored, so a
/// re-sent batch is harmless) and merges the summary of the newly stored spans
/// (<see cref="TraceSummarizer.Summarize"/>) into each run's summary (<see cref="TraceRunSummary.Merge"/>),
/// atomically per call. Queries see only what was appended. <see cref="PruneAsync"/> removes whole runs.
/// </remarks>
public interface ITraceStore
{
    /// <summary>Stores spans and merges their summaries into their runs'.</summary>
    /// <param name="spans">The spans, of any number of runs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task AppendAsync(IReadOnlyList<TraceSpan> spans, CancellationToken cancellationToken);

    /// <summary>Reads a run's summary.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The summary, or <see langword="null"/>.</returns>
    Task<TraceRunSummary?> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Reads a run's spans, ordered by start time.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The spans.</returns>
    Task<IReadOnlyList<TraceSpan>> GetSpansAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Finds runs whose summary matches every condition, newest first.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching summaries, at most <see cref="TraceQuery.Limit"/>.</returns>
    Task<IReadOnlyList<TraceRunSummary>> QueryRunsAsync(TraceQuery query, CancellationToken cancellationToken);

    /// <summary>Aggregates agent invocations (by their span's start time) in (<paramref name="from"/>, <paramref name="to"/>]: the window ending now includes now.</summary>
    /// <param name="from">The start of the window.</param>
    /// <param name="to">The end of the window.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One row per agent, by name.</returns>
    Task<IReadOnlyList<AgentTraceStats>> GetAgentStatsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Records the ground-truth verdict on a run's output (from quality sampling).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="correct">Whether the output was correct.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task SetCorrectAsync(string runId, bool correct, CancellationToken cancellationToken);

    /// <summary>Deletes runs (spans and summary) that ended before <paramref name="endedBefore"/>.</summary>
    /// <param name="endedBefore">The retention cut-off.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many runs were deleted.</returns>
    Task<int> PruneAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken);
}
