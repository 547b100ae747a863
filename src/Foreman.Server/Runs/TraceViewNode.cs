using System.Text.Json;

namespace Foreman.Server.Runs;

/// <summary>
/// One node of a run's trace: the run, an agent, a model call, a tool call, a step, a wait, a timer, a child run,
/// a review. Fields that do not apply to a kind are <see langword="null"/>.
/// </summary>
internal sealed class TraceViewNode
{
    public required string Kind { get; init; }

    public required string Name { get; init; }

    public string? Status { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public double? DurationMs { get; set; }

    public string? Model { get; set; }

    public long? InputTokens { get; set; }

    public long? OutputTokens { get; set; }

    public decimal? Cost { get; set; }

    public double? Confidence { get; set; }

    /// <summary>Gets or sets the validation result: <c>valid</c>, or what failed (a tool's argument or result schema, a retry).</summary>
    public string? Validation { get; set; }

    public int? Attempts { get; set; }

    public string? Detail { get; set; }

    public JsonElement? Data { get; set; }

    public List<TraceViewNode> Children { get; } = [];
}
