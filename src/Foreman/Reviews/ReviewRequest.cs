using System.Text.Json;

namespace Foreman.Reviews;

/// <summary>A decision a workflow puts under the autonomy policy: the exact action and the packet explaining it.</summary>
public sealed record ReviewRequest
{
    /// <summary>Gets the queue that reviews it.</summary>
    public required string Queue { get; init; }

    /// <summary>Gets the decision type the policy and the track record are kept by.</summary>
    public required string DecisionType { get; init; }

    /// <summary>Gets the packet a reviewer sees.</summary>
    public required EscalationPacket Packet { get; init; }

    /// <summary>Gets the tool (action) to run.</summary>
    public required string ToolName { get; init; }

    /// <summary>Gets the exact proposed arguments.</summary>
    public required JsonElement Arguments { get; init; }

    /// <summary>Gets the JSON Schema of the arguments, which edited values must satisfy, or <see langword="null"/> (then no modification).</summary>
    public string? ArgumentsSchema { get; init; }

    /// <summary>Gets the proposing agent, or <see langword="null"/>.</summary>
    public string? Agent { get; init; }
}
