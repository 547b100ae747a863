using System.Text.Json;
using System.Text.Json.Serialization;

namespace Foreman.Tools;

/// <summary>One entry of a run's tool-call trail: what was asked, what ran, and what the model was shown.</summary>
public sealed class ToolCallRecord
{
    /// <summary>Gets the position of the call in the run, starting at 1.</summary>
    public required int Sequence { get; init; }

    /// <summary>Gets the model's id for the call.</summary>
    public required string CallId { get; init; }

    /// <summary>Gets the tool name the model asked for (which may not exist).</summary>
    public required string ToolName { get; init; }

    /// <summary>Gets the parsed arguments; <see cref="JsonValueKind.Undefined"/> when they were not valid JSON.</summary>
    // A call stopped before it ran (a loop, bad arguments) has no value here; an undefined JsonElement cannot be
    // written, so it is left out of the journal instead of failing the durable step.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonElement Arguments { get; init; }

    /// <summary>Gets the raw argument text when it could not be parsed, for the audit trail.</summary>
    public string? RawArguments { get; init; }

    /// <summary>Gets the key side-effecting tools received (run id + step).</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets when the call started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets how long the call took, retries included.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets how many times the tool body ran (0 when a guard stopped the call).</summary>
    public int Attempts { get; init; }

    /// <summary>Gets the validated result; <see cref="JsonValueKind.Undefined"/> when the call failed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonElement Result { get; init; }

    /// <summary>Gets the error, or <see langword="null"/> when the call succeeded.</summary>
    public ToolError? Error { get; init; }

    /// <summary>Gets the text that entered the model's context for this call.</summary>
    public required string ModelText { get; init; }

    /// <summary>Gets a value indicating whether <see cref="ModelText"/> was cut to the tool's size limit.</summary>
    public bool Trimmed { get; init; }

    /// <summary>Gets the length of the result text before trimming.</summary>
    public int OriginalLength { get; init; }

    /// <summary>Gets a value indicating whether the call succeeded.</summary>
    public bool IsSuccess => Error is null;
}
