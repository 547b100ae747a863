using System.Text.Json;
using System.Text.RegularExpressions;
using Foreman.Schema;
using Microsoft.Extensions.AI;

namespace Foreman.Tools;

/// <summary>
/// A tool an agent may call: a name, a description, a JSON Schema for its arguments and the guards that apply
/// to every call. Instances are immutable and thread-safe; create them with <see cref="Tool"/>.
/// </summary>
public abstract partial class ForemanTool
{
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    /// <summary>Creates a tool.</summary>
    /// <param name="name">The name the model calls it by: letters, digits, '_' and '-', at most 64.</param>
    /// <param name="description">What the tool does, written for the model.</param>
    /// <param name="argumentsSchema">The schema every call's arguments must satisfy before the tool runs.</param>
    /// <param name="options">Guards; copied, so later changes have no effect.</param>
    protected ForemanTool(string name, string description, JsonSchema argumentsSchema, ToolOptions? options)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(argumentsSchema);
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException($"Tool name '{name}' is invalid: use 1 to 64 letters, digits, '_' or '-'.", nameof(name));
        }

        var o = options ?? new ToolOptions();

        // The time limits are Polly's: outside them the tool's pipeline would throw at its first call, not here.
        if (o.Timeout < MinTimeout || o.Timeout > MaxDuration || o.MaxResultCharacters < 64 || o.Retry.MaxRetries < 0
            || o.Retry.BaseDelay < TimeSpan.Zero || o.Retry.BaseDelay > MaxDuration || o.Retry.MaxDelay < TimeSpan.Zero || o.Retry.MaxDelay > MaxDuration
            || o.CircuitBreaker.FailureThreshold < 1 || o.CircuitBreaker.SamplingWindow > MaxDuration || o.CircuitBreaker.BreakDuration > MaxDuration
            || o.RequestsPerMinute is <= 0)
        {
            throw new ArgumentException($"Tool '{name}' has invalid options: timeout must be between 10 ms and 1 day, retry delays, sampling window and break duration at most 1 day (delays not negative), MaxResultCharacters at least 64, retries non-negative, FailureThreshold and RequestsPerMinute positive.", nameof(options));
        }

        Name = name;
        Description = description ?? string.Empty;
        ArgumentsSchema = argumentsSchema;
        Effect = o.Effect;
        Timeout = o.Timeout;
        Idempotent = o.Idempotent ?? o.Effect == ToolEffect.Read;
        MaxRetries = Idempotent ? o.Retry.MaxRetries : 0;
        RetryBaseDelay = o.Retry.BaseDelay;
        RetryMaxDelay = o.Retry.MaxDelay;
        BreakerEnabled = o.CircuitBreaker.Enabled;
        BreakerFailureThreshold = o.CircuitBreaker.FailureThreshold;
        BreakerSamplingWindow = o.CircuitBreaker.SamplingWindow;
        BreakerDuration = o.CircuitBreaker.BreakDuration;
        RequestsPerMinute = o.RequestsPerMinute;
        ResultSchema = o.ResultSchema;
        RequiresApproval = o.RequiresApproval;
        MaxResultCharacters = o.MaxResultCharacters;
        Declaration = AIFunctionFactory.CreateDeclaration(name, Description, argumentsSchema.Source, o.ResultSchema?.Source);
    }

    /// <summary>Gets the name the model calls the tool by.</summary>
    public string Name { get; }

    /// <summary>Gets the description shown to the model.</summary>
    public string Description { get; }

    /// <summary>Gets the schema arguments are validated against before the tool runs.</summary>
    public JsonSchema ArgumentsSchema { get; }

    /// <summary>Gets the schema results are validated against, or <see langword="null"/>.</summary>
    public JsonSchema? ResultSchema { get; }

    /// <summary>Gets what the tool does to the world.</summary>
    public ToolEffect Effect { get; }

    /// <summary>Gets the hard timeout of one attempt.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Gets a value indicating whether a repeated call has no further effect (and so may be retried).</summary>
    public bool Idempotent { get; }

    /// <summary>Gets the retries after the first attempt; always zero for a non-idempotent tool.</summary>
    public int MaxRetries { get; }

    /// <summary>Gets the delay before the first retry.</summary>
    public TimeSpan RetryBaseDelay { get; }

    /// <summary>Gets the longest delay between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; }

    /// <summary>Gets a value indicating whether the circuit breaker is active.</summary>
    public bool BreakerEnabled { get; }

    /// <summary>Gets how many consecutive failures open the circuit.</summary>
    public int BreakerFailureThreshold { get; }

    /// <summary>Gets the window in which failures are counted.</summary>
    public TimeSpan BreakerSamplingWindow { get; }

    /// <summary>Gets how long the circuit stays open.</summary>
    public TimeSpan BreakerDuration { get; }

    /// <summary>Gets the calls-per-minute limit, or <see langword="null"/>.</summary>
    public int? RequestsPerMinute { get; }

    /// <summary>Gets a value indicating whether each call needs a human's approval.</summary>
    public bool RequiresApproval { get; }

    /// <summary>Gets the most characters of a result that enter the model's context.</summary>
    public int MaxResultCharacters { get; }

    /// <summary>Gets the declaration offered to the model (name, description, schemas).</summary>
    public AIFunctionDeclaration Declaration { get; }

    /// <summary>
    /// Runs the tool. Called only with arguments that passed <see cref="ArgumentsSchema"/>. Throw
    /// <see cref="ToolException"/> to fail with a message for the model; honour the token, which is cancelled
    /// at the timeout.
    /// </summary>
    /// <param name="invocation">The validated call.</param>
    /// <param name="cancellationToken">Cancelled at the timeout or when the run is cancelled.</param>
    /// <returns>The result as JSON.</returns>
    public abstract ValueTask<JsonElement> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Effect})";

    // \z, not $: '$' also matches before a final newline, which would let "tool\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ValidName();
}
