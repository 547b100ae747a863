using Foreman.Workflows.Storage;

namespace Foreman.Workflows;

/// <summary>Thrown by workflow code to end the run as failed, returning an error to the caller (no dead letter).</summary>
public sealed class WorkflowFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The error returned to the caller.</param>
    public WorkflowFailedException(RunError error)
        : base(error?.Message) => Error = error!;

    /// <summary>Creates the exception.</summary>
    public WorkflowFailedException()
        : this(new RunError("workflow_failed", "The workflow failed."))
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public WorkflowFailedException(string message)
        : this(new RunError("workflow_failed", message))
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowFailedException(string message, Exception innerException)
        : base(message, innerException) => Error = new RunError("workflow_failed", message);

    /// <summary>Gets the error.</summary>
    public RunError Error { get; }
}
