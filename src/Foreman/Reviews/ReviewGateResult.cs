using System.Text.Json;
using Foreman.Autonomy;
using Foreman.Tools;

namespace Foreman.Reviews;

/// <summary>The gate's answer: whether the workflow may act, and on exactly which arguments.</summary>
public sealed record ReviewGateResult
{
    /// <summary>Gets the level the decision was handled at.</summary>
    public required AutonomyLevel Level { get; init; }

    /// <summary>Gets the outcome.</summary>
    public required ReviewGateOutcome Outcome { get; init; }

    /// <summary>Gets the tool.</summary>
    public required string ToolName { get; init; }

    /// <summary>Gets the arguments the workflow may execute, as JSON text, or <see langword="null"/> when it may not act.</summary>
    public string? Arguments { get; init; }

    /// <summary>Gets the hash of <see cref="Arguments"/>, the only action the result authorizes.</summary>
    public string? ActionHash { get; init; }

    /// <summary>Gets the last review item, or <see langword="null"/>.</summary>
    public string? ItemId { get; init; }

    /// <summary>Gets the audit sample queued at level 1, or <see langword="null"/>.</summary>
    public string? AuditItemId { get; init; }

    /// <summary>Gets who decided, or <see langword="null"/>.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>Gets the reviewer's reason, or <see langword="null"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// Gets a value indicating whether the workflow may execute the action. At level 3 a human decides and acts,
    /// so even an approval does not let the workflow act.
    /// </summary>
    public bool MayExecute => Arguments is not null && Level != AutonomyLevel.AssistanceOnly
        && Outcome is ReviewGateOutcome.Autonomous or ReviewGateOutcome.Approved or ReviewGateOutcome.Modified;

    /// <summary>Whether this result authorizes exactly this call.</summary>
    /// <param name="toolName">The tool about to run.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns><see langword="true"/> only when the workflow may execute and the call hashes to the approved action.</returns>
    public bool Authorizes(string toolName, JsonElement arguments) =>
        MayExecute && string.Equals(Tools.ActionHash.Compute(toolName, arguments), ActionHash, StringComparison.Ordinal);
}
