using Foreman.Schema;

namespace Foreman.Tools;

/// <summary>
/// How a tool is guarded. A plain options class: the values are copied when the tool is created, so changing
/// them afterwards has no effect.
/// </summary>
public sealed class ToolOptions
{
    /// <summary>Gets or sets the tool's effect class. The default value is <see cref="ToolEffect.Read"/>.</summary>
    public ToolEffect Effect { get; set; } = ToolEffect.Read;

    /// <summary>Gets or sets the hard timeout of one attempt, between 10 ms and 1 day. The default value is 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets a value indicating whether running the call twice has the same effect as once. Only
    /// idempotent tools are retried: a failed attempt of a non-idempotent tool may already have acted.
    /// The default value is <see langword="true"/> for <see cref="ToolEffect.Read"/> tools and must be set
    /// explicitly for the others (it is <see langword="null"/> until then).
    /// </summary>
    public bool? Idempotent { get; set; }

    /// <summary>Gets or sets the retry policy for transient failures.</summary>
    public ToolRetryOptions Retry { get; set; } = new();

    /// <summary>Gets or sets the circuit breaker shared by every caller of this tool.</summary>
    public ToolCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>Gets or sets the most calls per minute across all runs, or <see langword="null"/> for no limit. The default value is <see langword="null"/>.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Gets or sets the schema the tool's result must satisfy, or <see langword="null"/> to accept any JSON.</summary>
    public JsonSchema? ResultSchema { get; set; }

    /// <summary>Gets or sets a value indicating whether a human must approve each call before it runs. The default value is <see langword="false"/>.</summary>
    public bool RequiresApproval { get; set; }

    /// <summary>
    /// Gets or sets the most characters of the serialized result that enter the model's context; the rest is cut
    /// and the cut recorded. The default value is 8,000.
    /// </summary>
    public int MaxResultCharacters { get; set; } = 8_000;
}
