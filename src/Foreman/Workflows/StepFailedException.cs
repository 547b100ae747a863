using Foreman.Workflows.Storage;

namespace Foreman.Workflows;

/// <summary>
/// A step failed for good (its retries are spent). Thrown to the workflow code, the same way on every replay; if
/// the workflow does not catch it, the run is dead-lettered.
/// </summary>
public sealed class StepFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The recorded failure.</param>
    public StepFailedException(RunError error)
        : base($"Step '{error?.Step}' failed after {error?.Attempts} attempt(s): {error?.Message}") => Error = error!;

    /// <summary>Creates the exception.</summary>
    public StepFailedException()
        : this(new RunError("step_failed", "The step failed."))
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public StepFailedException(string message)
        : this(new RunError("step_failed", message))
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StepFailedException(string message, Exception innerException)
        : base(message, innerException) => Error = new RunError("step_failed", message);

    /// <summary>Gets the recorded failure.</summary>
    public RunError Error { get; }
}
