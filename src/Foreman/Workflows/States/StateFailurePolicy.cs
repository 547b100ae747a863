namespace Foreman.Workflows.States;

/// <summary>What happens when a state's handler fails.</summary>
public abstract record StateFailurePolicy
{
    private protected StateFailurePolicy()
    {
    }

    /// <summary>Gets the policy that ends the run as failed and returns the error to the caller.</summary>
    public static StateFailurePolicy ReturnError { get; } = new ReturnErrorPolicy();

    /// <summary>Gets the policy that dead-letters the run for an operator to inspect and re-queue.</summary>
    public static StateFailurePolicy DeadLetter { get; } = new DeadLetterPolicy();

    /// <summary>Re-runs the whole state up to <paramref name="retries"/> more times with durable backoff, then asks a human.</summary>
    /// <param name="retries">Retries after the first attempt.</param>
    /// <param name="backoff">The first delay; doubled each time.</param>
    /// <param name="escalationTimeout">How long to wait for the human, or <see langword="null"/> for ever.</param>
    /// <returns>The policy.</returns>
    public static StateFailurePolicy RetryThenEscalate(int retries, TimeSpan backoff, TimeSpan? escalationTimeout = null) =>
        new RetryThenEscalatePolicy(retries, backoff, escalationTimeout);

    /// <summary>
    /// Retries the failed step, not the state: finished steps keep their results (the checkpoint) and the failed one
    /// is retried with durable backoff up to <paramref name="maxAttempts"/> times; then the run is dead-lettered,
    /// and re-queueing it resumes from that step.
    /// </summary>
    /// <param name="maxAttempts">Attempts per step, including the first.</param>
    /// <param name="initialDelay">The first retry delay; doubled each time.</param>
    /// <returns>The policy.</returns>
    public static StateFailurePolicy CheckpointAndRetry(int maxAttempts, TimeSpan initialDelay) =>
        new CheckpointAndRetryPolicy(maxAttempts, initialDelay);

    /// <summary>Asks a human which state comes next (event <c>escalation:{state}</c> with an <see cref="EscalationDecision"/>).</summary>
    /// <param name="timeout">How long to wait, or <see langword="null"/> for ever; on timeout the run fails.</param>
    /// <returns>The policy.</returns>
    public static StateFailurePolicy HumanEscalation(TimeSpan? timeout = null) => new HumanEscalationPolicy(timeout);

    internal sealed record ReturnErrorPolicy : StateFailurePolicy;

    internal sealed record DeadLetterPolicy : StateFailurePolicy;

    internal sealed record RetryThenEscalatePolicy(int Retries, TimeSpan Backoff, TimeSpan? EscalationTimeout) : StateFailurePolicy;

    internal sealed record CheckpointAndRetryPolicy(int MaxAttempts, TimeSpan InitialDelay) : StateFailurePolicy;

    internal sealed record HumanEscalationPolicy(TimeSpan? Timeout) : StateFailurePolicy;
}
