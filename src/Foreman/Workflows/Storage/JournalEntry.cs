namespace Foreman.Workflows.Storage;

/// <summary>
/// One recorded fact of a run. <see cref="Key"/> is the operation's deterministic position in the workflow code,
/// so replay finds the same entry at the same place; <see cref="Sequence"/> is the order in which entries were
/// first recorded. Both are unique within a run; a store replaces an entry by (run, sequence).
/// </summary>
public sealed record JournalEntry
{
    /// <summary>Gets the run.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the order of first recording within the run, from 1; entries are returned in this order.</summary>
    public required int Sequence { get; init; }

    /// <summary>
    /// Gets the operation's position in the workflow code: <c>3</c> for the third top-level operation,
    /// <c>5/2/1</c> for the first operation of the second branch of the fifth. Unique within a run.
    /// </summary>
    public required string Key { get; init; }

    /// <summary>Gets the kind.</summary>
    public required JournalEntryKind Kind { get; init; }

    /// <summary>Gets the name the workflow gave the operation; replay checks it to detect divergence.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the state.</summary>
    public required JournalEntryState State { get; init; }

    /// <summary>Gets the result, the error or the data of the entry, as JSON text.</summary>
    public string? Payload { get; init; }

    /// <summary>Gets the attempts made so far (steps).</summary>
    public int Attempts { get; init; }

    /// <summary>Gets when a timer, wait timeout or retry is due.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Gets when the entry was last written.</summary>
    public required DateTimeOffset RecordedAt { get; init; }
}
