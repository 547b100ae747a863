namespace Foreman.Workflows.Storage;

/// <summary>The outcome of a write that a store may refuse.</summary>
public enum CommitStatus
{
    /// <summary>Written.</summary>
    Committed,

    /// <summary>Refused: the run's epoch moved on (another worker claimed it, or it was cancelled). Stop working on it.</summary>
    Fenced,

    /// <summary>Refused: the requested status change is not a valid transition from the current status.</summary>
    InvalidTransition,

    /// <summary>Refused: no such run.</summary>
    NotFound,
}
