namespace Foreman.Workflows.Storage;

/// <summary>Where a journal entry stands.</summary>
public enum JournalEntryState
{
    /// <summary>Done: replay returns <see cref="JournalEntry.Payload"/>.</summary>
    Completed,

    /// <summary>Failed for good: replay throws the recorded error.</summary>
    Failed,

    /// <summary>A failed attempt whose retry is due at <see cref="JournalEntry.DueAt"/>.</summary>
    Retrying,

    /// <summary>A timer or wait that has not resolved yet.</summary>
    Pending,
}
