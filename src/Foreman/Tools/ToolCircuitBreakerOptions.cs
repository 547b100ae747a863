namespace Foreman.Tools;

/// <summary>
/// A per-tool circuit breaker: after <see cref="FailureThreshold"/> failed calls with no success among them inside
/// <see cref="SamplingWindow"/>, calls fail fast for <see cref="BreakDuration"/>; then one probe call is let through
/// (half-open) and its outcome closes or re-opens the circuit.
/// </summary>
public sealed class ToolCircuitBreakerOptions
{
    /// <summary>Gets or sets a value indicating whether the breaker is active. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how many consecutive failures open the circuit. The default value is 5.</summary>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>Gets or sets the window in which failures are counted. The default value is 60 seconds.</summary>
    public TimeSpan SamplingWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long the circuit stays open before a probe. The default value is 30 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
