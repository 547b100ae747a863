namespace Foreman.Testing;

/// <summary>
/// Settings of a <see cref="SimulatedChatClient"/>. The client copies them when it is created, so later
/// changes have no effect; change faults at run time through <see cref="SimulatedChatClient.Faults"/>.
/// </summary>
public sealed class SimulatedChatClientOptions
{
    /// <summary>Gets or sets the model id reported in responses. The default value is <c>simulated-standard</c>.</summary>
    public string ModelId { get; set; } = SimulatedChatClient.DefaultModelId;

    /// <summary>Gets or sets the faults to inject. The default value is <see cref="FaultInjection.None"/>.</summary>
    public FaultInjection Faults { get; set; } = FaultInjection.None;

    /// <summary>
    /// Gets or sets the clock: latency is waited through it and responses are stamped with it. Pass a
    /// <see cref="FakeTimeProvider"/> to make latency instantaneous in tests. The default value is <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets the seed of the behaviour's random source and of generated call ids (faults have their
    /// own, <see cref="FaultInjection.Seed"/>). The default value is 0.
    /// </summary>
    public int Seed { get; set; }

    /// <summary>
    /// Gets or sets how many calls <see cref="SimulatedChatClient.Log"/> keeps; older ones are dropped so a
    /// long-running process using the simulated model does not grow without bound. The default value is 10,000.
    /// </summary>
    public int LogCapacity { get; set; } = 10_000;
}
