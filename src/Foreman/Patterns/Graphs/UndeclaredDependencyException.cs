namespace Foreman.Patterns.Graphs;

/// <summary>A graph node asked for the output of a node it did not declare as a dependency.</summary>
public sealed class UndeclaredDependencyException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public UndeclaredDependencyException()
        : base("A graph node read an output it did not declare.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public UndeclaredDependencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UndeclaredDependencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
