using System.Text.Json;
using System.Text.Json.Serialization;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows;

/// <summary>
/// The JSON formats the engine stores inside journal payloads and run errors. They are pinned by fixture tests:
/// a paused run written by one release must resume under the next.
/// </summary>
public static class WorkflowJson
{
    /// <summary>Gets the default options for workflow inputs, outputs and step results (web defaults: camelCase).</summary>
    public static JsonSerializerOptions DefaultOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    internal static JsonSerializerOptions Internal { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    internal static string Error(RunError error) => JsonSerializer.Serialize(error, Internal);

    internal static RunError? ReadError(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RunError>(json, Internal);
        }
        catch (JsonException)
        {
            // A corrupt error payload must not crash the worker: report it as what it is.
            return new RunError("corrupt_error", "The stored error could not be read: " + (json.Length > 200 ? json[..200] : json));
        }
    }

    internal static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Internal);

    internal static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Internal);
}
