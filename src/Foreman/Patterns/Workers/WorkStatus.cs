using System.Text.Json.Serialization;

namespace Foreman.Patterns.Workers;

/// <summary>How a worker's task ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkStatus>))]
public enum WorkStatus
{
    /// <summary>The worker produced a usable output.</summary>
    [JsonStringEnumMemberName("success")]
    Success,

    /// <summary>The worker produced nothing usable; the orchestrator may retry or fall back.</summary>
    [JsonStringEnumMemberName("failure")]
    Failure,

    /// <summary>The worker needs a person; retrying will not help.</summary>
    [JsonStringEnumMemberName("needs_human")]
    NeedsHuman,
}
