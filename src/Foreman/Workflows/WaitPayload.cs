namespace Foreman.Workflows;

/// <summary>The stored payload of a resolved wait (pinned format).</summary>
/// <param name="Event">The event name received, or <see langword="null"/> when the wait timed out.</param>
/// <param name="Payload">The event's JSON text.</param>
/// <param name="TimedOut">Whether the wait timed out.</param>
internal sealed record WaitPayload(string? Event, string? Payload, bool TimedOut);
