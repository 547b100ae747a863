namespace Foreman.Testing;

/// <summary>The faults injected into one simulated model call, as recorded in <see cref="SimulatedCallRecord.Faults"/>.</summary>
[Flags]
public enum InjectedFaults
{
    /// <summary>The call ran clean.</summary>
    None = 0,

    /// <summary>The call waited an extra <see cref="FaultInjection.LatencySpike"/>.</summary>
    LatencySpike = 1,

    /// <summary>The call failed with HTTP 429.</summary>
    RateLimited = 2,

    /// <summary>The call failed with HTTP 500 or 503.</summary>
    ServerError = 4,

    /// <summary>A tool call's arguments were corrupted.</summary>
    MalformedArguments = 8,

    /// <summary>A tool call names a tool that was not offered.</summary>
    HallucinatedTool = 16,

    /// <summary>The model repeated its previous tool call with identical arguments.</summary>
    RepeatedCall = 32,

    /// <summary>The reported completion tokens were inflated.</summary>
    RunawayTokens = 64,

    /// <summary>The final answer's values were perturbed.</summary>
    WrongAnswer = 128,
}
