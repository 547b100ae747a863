using Microsoft.Extensions.Logging;

namespace Foreman.Tools;

/// <summary>What the tool-call guard of one run needs to know about its agent and surroundings.</summary>
internal sealed record ToolGuardSettings(
    string AgentName,
    string RunId,
    string IdempotencyPrefix,
    ToolRegistry Tools,
    ToolEffect AllowedEffects,
    int MaxIdenticalCalls,
    int MaxArgumentCharacters,
    IToolApprovalGate ApprovalGate,
    TimeSpan RateLimitMaxWait,
    TimeProvider TimeProvider,
    ILogger Logger,
    IServiceProvider? Services,
    bool RecordSensitiveData);
