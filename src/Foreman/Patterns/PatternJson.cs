using System.Text.Json;
using System.Text.Json.Serialization;

namespace Foreman.Patterns;

/// <summary>The JSON options the patterns use for task inputs and their own records (snake_case, like agent outputs).</summary>
public static class PatternJson
{
    /// <summary>Gets the options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Gets the size of a JSON value in UTF-8 bytes, as a model would be sent it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The size.</returns>
    public static int SizeOf(JsonElement value) => System.Text.Encoding.UTF8.GetByteCount(value.GetRawText());

    /// <summary>Reads the value at an RFC 6901 pointer (<c>/total</c>, <c>/lines/0/amount</c>; empty for the whole value).</summary>
    /// <param name="root">The document.</param>
    /// <param name="pointer">The pointer.</param>
    /// <param name="value">The value, when present.</param>
    /// <returns><see langword="true"/> when the pointer resolves.</returns>
    public static bool TryRead(JsonElement root, string pointer, out JsonElement value) =>
        Schema.Compilation.JsonPointer.TryNavigate(root, pointer ?? string.Empty, out value);
}
