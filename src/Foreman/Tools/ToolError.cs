using System.Text.Json;
using System.Text.Json.Serialization;

namespace Foreman.Tools;

/// <summary>
/// A structured tool failure: a value the model can read and correct from, never an exception in the loop.
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Message">A sentence the model can act on.</param>
/// <param name="Retryable">Whether the same call may succeed if tried again later.</param>
/// <param name="Details">Extra facts: validation errors, the list of real tools, a retry delay.</param>
public sealed record ToolError(
    ToolErrorKind Kind,
    string Message,
    bool Retryable,
    IReadOnlyDictionary<string, object?>? Details = null)
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Renders the error as the JSON object the model receives as the tool result.</summary>
    /// <returns>A JSON object of the form <c>{"error":{"kind":…,"message":…,"retryable":…,"details":…}}</c>.</returns>
    public string ToModelJson() => JsonSerializer.Serialize(new ModelView(new ModelViewError(Kind, Message, Retryable, Details)), SerializerOptions);

    private sealed record ModelView(ModelViewError Error);

    private sealed record ModelViewError(ToolErrorKind Kind, string Message, bool Retryable, IReadOnlyDictionary<string, object?>? Details);
}
