namespace Foreman.Testing;

/// <summary>
/// The independent random streams of one call. Each decision draws from its own stream, so changing one
/// rate (or adding a new kind) never shifts the decisions of the others.
/// </summary>
internal enum FaultKind
{
    LatencySpike = 1,
    RateLimit,
    ServerError,
    Error,
    RepeatedCall,
    MalformedArguments,
    HallucinatedTool,
    RunawayTokens,
    WrongAnswer,
}
