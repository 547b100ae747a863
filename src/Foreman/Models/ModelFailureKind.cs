namespace Foreman.Models;

/// <summary>Why a model call failed.</summary>
public enum ModelFailureKind
{
    /// <summary>A failure that fits no other kind.</summary>
    Unknown,

    /// <summary>HTTP 429 or a quota error: retry after the advised delay.</summary>
    RateLimited,

    /// <summary>HTTP 5xx: the provider failed; retry.</summary>
    ServerError,

    /// <summary>The call took longer than its timeout.</summary>
    Timeout,

    /// <summary>The response ended early or could not be parsed (a dropped connection, a cut body).</summary>
    Truncated,

    /// <summary>The API key was missing or refused (HTTP 401/403): retrying will not help.</summary>
    Authentication,

    /// <summary>The request was refused as invalid (HTTP 400/404/422), for example an unknown model.</summary>
    InvalidRequest,

    /// <summary>The prompt exceeded the model's context window.</summary>
    ContextLengthExceeded,
}
