using System.Collections.Concurrent;
using Foreman.Models;
using Foreman.Resilience;
using Foreman.Tools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Foreman.Agents;

/// <summary>
/// Runs agents. Holds what outlives a single run and must be shared to work: per-tool circuit breakers and rate
/// limits, per-agent model rate limits, the model router and the observers. Thread-safe; create one per process
/// (or per tenant) and reuse it.
/// </summary>
public sealed class AgentRuntime : IDisposable
{
    private readonly ConcurrentDictionary<string, AgentThrottle> _throttles = new(StringComparer.Ordinal);

    /// <summary>Creates a runtime.</summary>
    /// <param name="router">Resolves models and clients.</param>
    /// <param name="options">Options; copied.</param>
    public AgentRuntime(ModelRouter router, AgentRuntimeOptions? options = null)
    {
        Router = router ?? throw new ArgumentNullException(nameof(router));
        var o = options ?? new AgentRuntimeOptions();
        TimeProvider = o.TimeProvider ?? TimeProvider.System;
        LoggerFactory = o.LoggerFactory ?? NullLoggerFactory.Instance;
        ApprovalGate = o.ApprovalGate ?? PendingApprovalGate.Instance;
        Observers = o.Observers.ToArray();
        RecordSensitiveData = o.RecordSensitiveData;
        RateLimitMaxWait = o.RateLimitMaxWait;
        ToolResilience = new ToolResilienceCache(TimeProvider);
        ModelPipelines = new ModelPipelines(TimeProvider);
        Logger = LoggerFactory.CreateLogger("Foreman.Agents");
    }

    /// <summary>Gets the model router.</summary>
    public ModelRouter Router { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; }

    internal ILoggerFactory LoggerFactory { get; }

    internal ILogger Logger { get; }

    internal IToolApprovalGate ApprovalGate { get; }

    internal IReadOnlyList<IAgentObserver> Observers { get; }

    internal bool RecordSensitiveData { get; }

    internal TimeSpan RateLimitMaxWait { get; }

    internal ToolResilienceCache ToolResilience { get; }

    internal ModelPipelines ModelPipelines { get; }

    /// <summary>Runs one request through an agent: guardrails, the guarded loop, output validation.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the run; the run then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The structured result. Expected failures are results, not exceptions.</returns>
    public Task<AgentResult> RunAsync(Agent agent, AgentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(request);
        return new AgentRun(this, agent, request).ExecuteAsync(cancellationToken);
    }

    /// <summary>Gets the circuit state of a tool ("Closed", "Open", "HalfOpen", "Isolated"), for health views.</summary>
    /// <param name="tool">The tool.</param>
    /// <returns>The state name.</returns>
    public string CircuitStateOf(ForemanTool tool) => ToolResilience.For(tool).CircuitState.ToString();

    /// <inheritdoc />
    public void Dispose()
    {
        ToolResilience.Dispose();
        foreach (var throttle in _throttles.Values)
        {
            throttle.Dispose();
        }
    }

    internal AgentThrottle ThrottleFor(Agent agent) =>
        _throttles.GetOrAdd(agent.Name, static (_, state) => new AgentThrottle(state.Agent.RequestsPerMinute, state.Agent.TokensPerMinute, state.Time), (Agent: agent, Time: TimeProvider));
}
