using System.Text.Json;

namespace Foreman.Server.Http;

/// <summary>Stored JSON texts (inputs, outputs, payloads) embedded in answers as JSON, not as strings.</summary>
internal static class Embedded
{
    public static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON after all (an old or foreign row): show it as the text it is.
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
