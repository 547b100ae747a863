namespace Foreman.Testing;

/// <summary>
/// What goes wrong with a <see cref="SimulatedChatClient"/>, and how often. Every rate is a probability in
/// [0, 1], drawn independently for each kind of fault on each call from <see cref="Seed"/> and the call's
/// number, so the same seed and the same sequence of calls inject the same faults. Immutable: derive
/// variants with <c>with</c> (<c>FaultInjection.None with { RateLimitRate = 0.1 }</c>) and swap them into
/// <see cref="SimulatedChatClient.Faults"/> at run time.
/// </summary>
public sealed record FaultInjection
{
    /// <summary>Gets the configuration that injects nothing.</summary>
    public static FaultInjection None { get; } = new();

    /// <summary>Gets the seed of every fault decision. The default value is 0.</summary>
    public int Seed { get; init; }

    /// <summary>Gets the delay every call waits, through the client's <see cref="TimeProvider"/>. The default value is zero.</summary>
    public TimeSpan Latency { get; init => field = NonNegative(value); }

    /// <summary>Gets the share of calls that wait an extra <see cref="LatencySpike"/>. The default value is 0.</summary>
    public double LatencySpikeRate { get; init => field = Rate(value); }

    /// <summary>Gets the extra delay of a latency spike. The default value is 30 seconds.</summary>
    public TimeSpan LatencySpike { get; init => field = NonNegative(value); } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the share of calls that fail with HTTP 429 (<see cref="Foreman.Models.ModelFailureKind.RateLimited"/>). The default value is 0.</summary>
    public double RateLimitRate { get; init => field = Rate(value); }

    /// <summary>
    /// Gets the Retry-After a rate-limited call reports, or <see langword="null"/> for none. The default
    /// value is 2 seconds.
    /// </summary>
    public TimeSpan? RateLimitRetryAfter { get; init => field = value is { } v ? NonNegative(v) : null; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets the share of calls that fail with HTTP 500 or 503 (<see cref="Foreman.Models.ModelFailureKind.ServerError"/>). The default value is 0.</summary>
    public double ServerErrorRate { get; init => field = Rate(value); }

    /// <summary>
    /// Gets the share of calls that fail transiently, split evenly between HTTP 429 and 5xx; a shorthand on top
    /// of <see cref="RateLimitRate"/> and <see cref="ServerErrorRate"/>. The default value is 0.
    /// </summary>
    public double ErrorRate { get; init => field = Rate(value); }

    /// <summary>Gets the share of tool-calling turns whose arguments are corrupted in one of <see cref="ArgumentCorruptions"/>. The default value is 0.</summary>
    public double MalformedArgumentsRate { get; init => field = Rate(value); }

    /// <summary>Gets the corruption styles <see cref="MalformedArgumentsRate"/> chooses from. The default value is <see cref="ArgumentCorruptions.All"/>.</summary>
    public ArgumentCorruptions ArgumentCorruptions { get; init; } = ArgumentCorruptions.All;

    /// <summary>Gets the share of tool-calling turns where one call names a plausible tool that was not offered. The default value is 0.</summary>
    public double HallucinatedToolRate { get; init => field = Rate(value); }

    /// <summary>
    /// Gets the share of turns where the model, instead of what it meant to say, repeats the conversation's
    /// previous tool call with identical arguments (a loop). Has no effect before the first tool call. The
    /// default value is 0.
    /// </summary>
    public double RepeatedCallRate { get; init => field = Rate(value); }

    /// <summary>Gets the share of calls whose reported completion tokens are multiplied by <see cref="RunawayTokenMultiplier"/>. The default value is 0.</summary>
    public double RunawayTokenRate { get; init => field = Rate(value); }

    /// <summary>Gets the factor a runaway call inflates completion tokens by. The default value is 50.</summary>
    public double RunawayTokenMultiplier
    {
        get;
        init => field = value >= 1 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The multiplier must be a finite number of at least 1.");
    } = 50;

    /// <summary>
    /// Gets the share of final answers that come back subtly wrong: in JSON, every number moves by a few
    /// percent and one string value has a character changed (a boolean flips when there is neither); in
    /// plain text, every number moves. The default value is 0.
    /// </summary>
    public double WrongAnswerRate { get; init => field = Rate(value); }

    /// <summary>
    /// Gets the typical relative change of a number in a wrong answer; each number moves by between half and
    /// one and a half times this, up or down. The default value is 0.05 (5%).
    /// </summary>
    public double WrongAnswerDeviation
    {
        get;
        init => field = value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The deviation must be in (0, 1].");
    } = 0.05;

    /// <summary>Gets a value indicating whether any fault or delay can be injected.</summary>
    public bool IsActive =>
        Latency > TimeSpan.Zero || LatencySpikeRate > 0 || RateLimitRate > 0 || ServerErrorRate > 0 || ErrorRate > 0
        || MalformedArgumentsRate > 0 || HallucinatedToolRate > 0 || RepeatedCallRate > 0 || RunawayTokenRate > 0 || WrongAnswerRate > 0;

    private static double Rate(double value) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A fault rate is a probability in [0, 1].");

    private static TimeSpan NonNegative(TimeSpan value) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The duration cannot be negative.");
}
