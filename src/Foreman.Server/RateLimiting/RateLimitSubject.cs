namespace Foreman.Server.RateLimiting;

/// <summary>Who a request is counted for: a budget and the key id or client address it belongs to.</summary>
/// <param name="Scope">The budget.</param>
/// <param name="Client">The key id (<c>key_…</c>) or the client address.</param>
internal readonly record struct RateLimitSubject(RateLimitScope Scope, string Client)
{
    /// <summary>Gets a value indicating whether the client is an API key (otherwise an address).</summary>
    public bool IsKey => Scope is RateLimitScope.Reads or RateLimitScope.Writes or RateLimitScope.Streams;

    /// <summary>Gets the budget's name as metrics, alerts and problems show it.</summary>
    public string ScopeName => Scope switch
    {
        RateLimitScope.Reads => "reads",
        RateLimitScope.Writes => "writes",
        RateLimitScope.SignIn => "sign-in",
        RateLimitScope.Anonymous => "anonymous",
        _ => "streams",
    };

    /// <summary>Gets the partition key of the limiter.</summary>
    public string PartitionKey => $"{ScopeName}|{Client}";
}
