namespace Foreman.Tools;

/// <summary>
/// Thrown by tool code to fail a call with an explicit message and retry hint. Any other exception a tool
/// throws becomes a <see cref="ToolErrorKind.Failed"/> error whose retryability is inferred.
/// </summary>
public sealed class ToolException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A sentence the model can act on.</param>
    /// <param name="retryable">Whether the same call may succeed later.</param>
    /// <param name="innerException">The cause.</param>
    public ToolException(string message, bool retryable, Exception? innerException = null)
        : base(message, innerException) => Retryable = retryable;

    /// <summary>Creates a non-retryable exception.</summary>
    public ToolException()
        : this("The tool failed.", retryable: false)
    {
    }

    /// <summary>Creates a non-retryable exception.</summary>
    /// <param name="message">A sentence the model can act on.</param>
    public ToolException(string message)
        : this(message, retryable: false)
    {
    }

    /// <summary>Creates a non-retryable exception.</summary>
    /// <param name="message">A sentence the model can act on.</param>
    /// <param name="innerException">The cause.</param>
    public ToolException(string message, Exception innerException)
        : this(message, retryable: false, innerException)
    {
    }

    /// <summary>Gets a value indicating whether the same call may succeed later.</summary>
    public bool Retryable { get; }
}
