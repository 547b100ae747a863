using System.Text.Json;
using System.Text.Json.Serialization;

namespace Foreman.Cli.Rendering;

/// <summary>The JSON the observability commands print: web casing, enums as text, indented.</summary>
internal static class ObservabilityJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + Environment.NewLine;
}
