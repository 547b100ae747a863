namespace Foreman.Workflows;

/// <summary>
/// Retries of a failed step: exponential backoff as durable timers, so a retry an hour away costs no memory and
/// survives restarts. After the last attempt the step fails for good.
/// </summary>
public sealed record StepRetryPolicy
{
    /// <summary>Gets a policy that never retries.</summary>
    public static StepRetryPolicy None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Gets the default policy: 3 attempts, 1 s then 2 s.</summary>
    public static StepRetryPolicy Default { get; } = new();

    /// <summary>Gets the attempts including the first. The default value is 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Gets the delay before the first retry. The default value is 1 second.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the factor each further delay grows by. The default value is 2.</summary>
    public double BackoffFactor { get; init; } = 2;

    /// <summary>Gets the longest delay. The default value is 1 hour.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Gets which exceptions may be retried; all but <see cref="NonRetryableStepException"/> when <see langword="null"/>.</summary>
    public Func<Exception, bool>? ShouldRetry { get; init; }

    /// <summary>The delay before attempt <paramref name="nextAttempt"/> (2 or more), with up to 10% jitter from <paramref name="random"/>.</summary>
    /// <param name="nextAttempt">The attempt about to be scheduled.</param>
    /// <param name="random">The run's deterministic random source.</param>
    /// <returns>The delay.</returns>
    public TimeSpan DelayBefore(int nextAttempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var exponential = InitialDelay.TotalMilliseconds * Math.Pow(BackoffFactor, Math.Max(0, nextAttempt - 2));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 + (random.NextDouble() * 0.1)));
    }

    internal bool Allows(Exception exception) =>
        exception is not NonRetryableStepException && (ShouldRetry?.Invoke(exception) ?? true);
}
