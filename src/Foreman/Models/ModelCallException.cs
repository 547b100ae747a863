namespace Foreman.Models;

/// <summary>
/// A provider-neutral failure of a model call. Providers translate their own errors into it so the agent
/// loop can decide, without knowing the provider, whether to retry and how long to wait.
/// </summary>
public sealed class ModelCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">A human-readable description.</param>
    /// <param name="statusCode">The HTTP status the provider returned, if any.</param>
    /// <param name="retryAfter">How long the provider asked us to wait, if it said.</param>
    /// <param name="innerException">The provider's own exception.</param>
    public ModelCallException(ModelFailureKind kind, string message, int? statusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception with a generic message; prefer the full constructor.</summary>
    public ModelCallException()
        : this(ModelFailureKind.Unknown, "The model call failed.")
    {
    }

    /// <summary>Creates the exception with a message; prefer the full constructor.</summary>
    /// <param name="message">A human-readable description.</param>
    public ModelCallException(string message)
        : this(ModelFailureKind.Unknown, message)
    {
    }

    /// <summary>Creates the exception with a message and cause; prefer the full constructor.</summary>
    /// <param name="message">A human-readable description.</param>
    /// <param name="innerException">The cause.</param>
    public ModelCallException(string message, Exception innerException)
        : this(ModelFailureKind.Unknown, message, innerException: innerException)
    {
    }

    /// <summary>Gets what went wrong.</summary>
    public ModelFailureKind Kind { get; }

    /// <summary>Gets the HTTP status code, when the failure came from an HTTP response.</summary>
    public int? StatusCode { get; }

    /// <summary>Gets the delay the provider asked for (Retry-After), when it gave one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets a value indicating whether trying again later may succeed.</summary>
    public bool IsTransient => Kind is ModelFailureKind.RateLimited or ModelFailureKind.ServerError or ModelFailureKind.Timeout or ModelFailureKind.Truncated;
}
