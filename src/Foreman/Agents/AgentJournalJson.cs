using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Foreman.Agents;

/// <summary>The JSON form of journaled model turns and tool calls (MEAI's options, so chat content round-trips).</summary>
internal static class AgentJournalJson
{
    public static JsonSerializerOptions Options { get; } = new(AIJsonUtilities.DefaultOptions)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
