namespace Foreman.Workflows;

/// <summary>
/// Replay found the workflow code asking for something other than what the journal recorded at the same place
/// (the code changed under a running workflow, or it is not deterministic). The run is suspended, never silently
/// continued on a corrupted history.
/// </summary>
public sealed class WorkflowDivergenceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowDivergenceException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What diverged, where.</param>
    public WorkflowDivergenceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What diverged, where.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowDivergenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
