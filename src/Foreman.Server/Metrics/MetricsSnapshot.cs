namespace Foreman.Server.Metrics;

/// <summary>The health figures at one moment, as the dashboard charts them and the SSE stream sends them.</summary>
public sealed record MetricsSnapshot
{
    /// <summary>Gets when the figures were taken.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Gets the API requests served in the last minute.</summary>
    public required int RequestsPerMinute { get; init; }

    /// <summary>Gets the median request latency over the last five minutes, in milliseconds.</summary>
    public required double LatencyP50Ms { get; init; }

    /// <summary>Gets the 95th percentile request latency over the last five minutes, in milliseconds.</summary>
    public required double LatencyP95Ms { get; init; }

    /// <summary>Gets the 99th percentile request latency over the last five minutes, in milliseconds.</summary>
    public required double LatencyP99Ms { get; init; }

    /// <summary>Gets the share of API requests in the last five minutes that did not fail on the server (not 5xx); 1 with no requests.</summary>
    public required double RequestSuccessRate { get; init; }

    /// <summary>Gets the share of finished runs that completed (not failed or dead-lettered); <see langword="null"/> before any finished.</summary>
    public required double? SuccessRate { get; init; }

    /// <summary>Gets review items created per run submitted (all time); <see langword="null"/> before any run.</summary>
    public required double? EscalationRate { get; init; }

    /// <summary>Gets the inference cost recorded since the server started, in the catalog's currency.</summary>
    public required double CumulativeCost { get; init; }

    /// <summary>Gets the tokens used since the server started.</summary>
    public required long Tokens { get; init; }

    /// <summary>Gets the model calls since the server started.</summary>
    public required long ModelCalls { get; init; }

    /// <summary>Gets the agent runs stopped by repetition (loop) detection since the server started.</summary>
    public required long LoopDetections { get; init; }

    /// <summary>Gets the requests or outputs a guardrail rejected since the server started.</summary>
    public required long GuardrailRejections { get; init; }

    /// <summary>Gets the requests refused with 429 by the rate limits since the server started.</summary>
    public long RateLimitedRequests { get; init; }

    /// <summary>Gets the runs by status (all time).</summary>
    public required IReadOnlyDictionary<string, long> Runs { get; init; }

    /// <summary>Gets the review items waiting for a person.</summary>
    public required int PendingReviews { get; init; }
}
