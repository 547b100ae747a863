using System.Text.Json;
using Foreman.Resilience;
using Foreman.Testing;
using Foreman.Tools;
using Microsoft.Extensions.Logging.Abstractions;

namespace Foreman.Tests.Tools;

/// <summary>
/// Builds a <see cref="ToolCallGuard"/> the way a run does, on a fake clock, with the settings a test wants.
/// The guard is created on first use, so set the init-only settings in the object initializer.
/// </summary>
internal sealed class GuardHarness : IDisposable
{
    private ToolCallGuard? _guard;
    private int _calls;

    public GuardHarness(params ForemanTool[] tools)
    {
        Registry = new ToolRegistry(tools);
        Resilience = new ToolResilienceCache(Time);
    }

    public FakeTimeProvider Time { get; } = new();

    public ToolRegistry Registry { get; }

    /// <summary>Gets the resilience state, shared by every guard this harness creates (as across runs).</summary>
    public ToolResilienceCache Resilience { get; }

    public ToolEffect AllowedEffects { get; init; } = ToolEffect.Read | ToolEffect.Write | ToolEffect.Destructive | ToolEffect.External;

    public int MaxIdenticalCalls { get; init; } = 3;

    public int MaxArgumentCharacters { get; init; } = 100_000;

    public IToolApprovalGate ApprovalGate { get; init; } = PendingApprovalGate.Instance;

    public TimeSpan RateLimitMaxWait { get; init; } = TimeSpan.Zero;

    public string IdempotencyPrefix { get; init; } = "run-1";

    /// <summary>Gets the guard of the current run.</summary>
    public ToolCallGuard Guard => _guard ??= NewGuard();

    /// <summary>Creates the guard of a new run (empty trail) that shares the tools' resilience state.</summary>
    public ToolCallGuard NewGuard() => new(
        new ToolGuardSettings("test-agent", "run-1", IdempotencyPrefix, Registry, AllowedEffects, MaxIdenticalCalls, MaxArgumentCharacters,
            ApprovalGate, RateLimitMaxWait, Time, NullLogger.Instance, Services: null, RecordSensitiveData: false),
        Resilience);

    /// <summary>Calls a tool through the run's guard with raw argument text, as the model sent it.</summary>
    public Task<ToolCallRecord> CallAsync(string toolName, string rawArguments, CancellationToken cancellationToken = default)
    {
        var callId = $"call_{++_calls}";
        return ClockDriver.StartInline(() => Guard.InvokeAsync(callId, toolName, rawArguments, cancellationToken).AsTask());
    }

    /// <summary>Parses the <c>error</c> object of what the model was shown.</summary>
    public static JsonElement ModelError(ToolCallRecord record) => JsonElement.Parse(record.ModelText).GetProperty("error");

    public void Dispose() => Resilience.Dispose();
}
