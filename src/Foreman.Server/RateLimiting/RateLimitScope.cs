namespace Foreman.Server.RateLimiting;

/// <summary>Which budget a request is counted against.</summary>
internal enum RateLimitScope
{
    /// <summary>An authenticated GET, HEAD or OPTIONS, per key.</summary>
    Reads,

    /// <summary>Any other authenticated request, per key.</summary>
    Writes,

    /// <summary>A sign-in attempt, per client address.</summary>
    SignIn,

    /// <summary>Any other request without a valid key, per client address.</summary>
    Anonymous,

    /// <summary>An open metrics stream, per key (a concurrency limit, not a rate).</summary>
    Streams,
}
