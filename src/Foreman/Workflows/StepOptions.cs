namespace Foreman.Workflows;

/// <summary>Options of one durable step.</summary>
public sealed record StepOptions
{
    /// <summary>Gets the retry policy. The default value is <see cref="StepRetryPolicy.Default"/>.</summary>
    public StepRetryPolicy Retry { get; init; } = StepRetryPolicy.Default;
}
