using System.Text.Json;

namespace Foreman.Tools;

/// <summary>
/// One call of a tool, as the tool's code sees it: validated arguments and the stable identity of the call.
/// </summary>
public sealed class ToolInvocation
{
    /// <summary>Creates an invocation.</summary>
    /// <param name="arguments">Arguments that passed the tool's schema.</param>
    /// <param name="callId">The model's id for this call.</param>
    /// <param name="runId">The run the call belongs to.</param>
    /// <param name="idempotencyKey">A key stable across retries and replays of this call (run id + step).</param>
    /// <param name="agentName">The agent that made the call.</param>
    /// <param name="services">Services for the tool, when a container is available.</param>
    public ToolInvocation(JsonElement arguments, string callId, string runId, string idempotencyKey, string agentName, IServiceProvider? services = null)
    {
        Arguments = arguments;
        CallId = callId;
        RunId = runId;
        IdempotencyKey = idempotencyKey;
        AgentName = agentName;
        Services = services;
    }

    /// <summary>Gets the validated arguments.</summary>
    public JsonElement Arguments { get; }

    /// <summary>Gets the model's id for this call.</summary>
    public string CallId { get; }

    /// <summary>Gets the id of the run the call belongs to.</summary>
    public string RunId { get; }

    /// <summary>
    /// Gets a key that is the same on every retry and replay of this call. Side-effecting tools pass it to the
    /// systems they change, so that a repeated call is recognised and not applied twice.
    /// </summary>
    public string IdempotencyKey { get; }

    /// <summary>Gets the name of the agent that made the call.</summary>
    public string AgentName { get; }

    /// <summary>Gets services for the tool, or <see langword="null"/>.</summary>
    public IServiceProvider? Services { get; }

    /// <summary>Gets the attempt number, starting at 1; greater on retries.</summary>
    public int Attempt { get; internal set; } = 1;
}
