namespace Foreman.Workflows.Storage;

/// <summary>
/// Everything a worker writes for one run at once: journal entries, consumed events, the business state and an
/// optional status change. A store applies all of it atomically, or none of it.
/// </summary>
public sealed record RunCommit
{
    /// <summary>Gets the run.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the epoch of the worker's claim; a mismatch means the lease passed to someone else.</summary>
    public required long Epoch { get; init; }

    /// <summary>Gets journal entries to insert, or to replace when (run, sequence) exists.</summary>
    public IReadOnlyList<JournalEntry> Entries { get; init; } = [];

    /// <summary>Gets inbox events the run consumed (removed with the commit).</summary>
    public IReadOnlyList<long> ConsumedEvents { get; init; } = [];

    /// <summary>Gets the new business state, or <see langword="null"/> to keep it.</summary>
    public string? BusinessState { get; init; }

    /// <summary>Gets the status change, or <see langword="null"/> to stay running.</summary>
    public RunTransition? Transition { get; init; }

    /// <summary>Gets the time of the write, from the engine's clock.</summary>
    public required DateTimeOffset At { get; init; }
}
