namespace Foreman.Workflows;

/// <summary>The outcome of waiting for an event: the event, or a timeout.</summary>
/// <typeparam name="T">The payload type.</typeparam>
/// <param name="Received">Whether the event arrived before the timeout.</param>
/// <param name="Value">The payload, when received.</param>
public sealed record WaitResult<T>(bool Received, T? Value)
{
    /// <summary>Gets a value indicating whether the wait timed out.</summary>
    public bool TimedOut => !Received;
}
