namespace Foreman.Workflows.Storage;

/// <summary>A status change written together with a commit.</summary>
public sealed record RunTransition
{
    /// <summary>Gets the new status.</summary>
    public required RunStatus To { get; init; }

    /// <summary>Gets when a waiting run is due; <see langword="null"/> to wait for events only.</summary>
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>Gets the event names a waiting run waits for.</summary>
    public IReadOnlyList<string> WaitingFor { get; init; } = [];

    /// <summary>Gets the output JSON, for <see cref="RunStatus.Completed"/>.</summary>
    public string? Output { get; init; }

    /// <summary>Gets the error JSON, for failed, dead-lettered and suspended runs.</summary>
    public string? Error { get; init; }
}
