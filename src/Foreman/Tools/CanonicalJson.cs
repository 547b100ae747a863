using System.Text.Json;

namespace Foreman.Tools;

/// <summary>Writes JSON in a canonical form: object properties sorted by ordinal name, no insignificant white space.</summary>
public static class CanonicalJson
{
    /// <summary>Writes <paramref name="element"/> canonically.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="element">The value.</param>
    public static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Undefined:
                writer.WriteNullValue();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>Returns the canonical text of <paramref name="element"/>.</summary>
    /// <param name="element">The value.</param>
    /// <returns>Canonical JSON.</returns>
    public static string ToText(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, element);
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
