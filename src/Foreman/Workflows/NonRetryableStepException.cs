namespace Foreman.Workflows;

/// <summary>Thrown by a step body to fail at once, without retries (bad input, a business refusal).</summary>
public sealed class NonRetryableStepException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonRetryableStepException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why.</param>
    public NonRetryableStepException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why.</param>
    /// <param name="innerException">The cause.</param>
    public NonRetryableStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
