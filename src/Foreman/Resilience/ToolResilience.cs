using System.Text.Json;
using Foreman.Tools;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Foreman.Resilience;

/// <summary>
/// The resilience state one tool shares across every run: a Polly pipeline (retry → circuit breaker → timeout)
/// and an optional calls-per-minute bucket. Thread-safe.
/// </summary>
internal sealed class ToolResilience : IDisposable
{
    // Polly's breaker needs at least two calls in its window and windows of at least half a second.
    private const int PollyMinimumThroughput = 2;
    private static readonly TimeSpan PollyMinimumDuration = TimeSpan.FromMilliseconds(500);

    private readonly CircuitBreakerStateProvider _breakerState = new();

    public ToolResilience(ForemanTool tool, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<JsonElement> { TimeProvider = timeProvider, Name = tool.Name };
        if (tool.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<JsonElement>
            {
                MaxRetryAttempts = tool.MaxRetries,
                Delay = tool.RetryBaseDelay,
                MaxDelay = tool.RetryMaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)),
            });
        }

        if (tool.BreakerEnabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<JsonElement>
            {
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(PollyMinimumThroughput, tool.BreakerFailureThreshold),
                SamplingDuration = Max(tool.BreakerSamplingWindow, PollyMinimumDuration),
                BreakDuration = Max(tool.BreakerDuration, PollyMinimumDuration),
                StateProvider = _breakerState,
                ShouldHandle = static args => ValueTask.FromResult(CountsAsFailure(args.Outcome.Exception)),
            });
        }

        builder.AddTimeout(tool.Timeout);
        Pipeline = builder.Build();
        if (tool.RequestsPerMinute is int perMinute)
        {
            Limiter = new TimedTokenBucket(perMinute, timeProvider);
        }
    }

    /// <summary>Gets the pipeline every call of the tool runs through.</summary>
    public ResiliencePipeline<JsonElement> Pipeline { get; }

    /// <summary>Gets the calls-per-minute bucket, or <see langword="null"/> when the tool has no limit.</summary>
    public TimedTokenBucket? Limiter { get; }

    /// <summary>Gets the breaker's state.</summary>
    public CircuitState CircuitState => _breakerState.CircuitState;

    /// <summary>Whether a failure may pass if the same call is tried again.</summary>
    public static bool IsTransient(Exception? exception) => exception switch
    {
        null => false,
        ToolException tool => tool.Retryable,
        TimeoutRejectedException or TimeoutException or HttpRequestException or IOException => true,
        _ => false,
    };

    public void Dispose() => Limiter?.Dispose();

    // A tool that rejects bad business input is healthy; only faults and timeouts count toward opening the circuit.
    private static bool CountsAsFailure(Exception? exception) => exception switch
    {
        null => false,
        ToolException tool => tool.Retryable,
        TimeoutRejectedException => true,
        OperationCanceledException => false,
        _ => true,
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
