using System.Text.Json.Serialization;

namespace Foreman.Patterns.Consensus;

/// <summary>Whether the instances reached a usable consensus.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConsensusOutcome>))]
public enum ConsensusOutcome
{
    /// <summary>A value was agreed.</summary>
    [JsonStringEnumMemberName("agreed")]
    Agreed,

    /// <summary>No value can be trusted (a tie, no majority, too few answers): a person decides.</summary>
    [JsonStringEnumMemberName("escalate")]
    Escalate,
}
