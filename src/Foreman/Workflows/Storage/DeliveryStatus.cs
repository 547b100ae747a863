namespace Foreman.Workflows.Storage;

/// <summary>The outcome of delivering an event.</summary>
public enum DeliveryStatus
{
    /// <summary>Stored; a run waiting for it was made pending.</summary>
    Delivered,

    /// <summary>An event with the same dedupe key was delivered before; nothing changed.</summary>
    Duplicate,

    /// <summary>No such run.</summary>
    NotFound,

    /// <summary>The run has finished; nothing changed.</summary>
    RunFinished,
}
