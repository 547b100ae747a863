namespace Foreman.Workflows.Storage;

/// <summary>What a journal entry records.</summary>
public enum JournalEntryKind
{
    /// <summary>A durable step's result (or final failure).</summary>
    Step,

    /// <summary>A durable timer and its due time.</summary>
    Timer,

    /// <summary>A wait for an external event or decision, with its timeout and, once resolved, the event.</summary>
    Wait,

    /// <summary>A child workflow's run id and, once finished, its result.</summary>
    Child,

    /// <summary>A deterministic value the workflow read (the current time).</summary>
    Value,

    /// <summary>A business-state transition.</summary>
    Transition,
}
