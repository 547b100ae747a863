using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Foreman.Patterns.Consensus;

/// <summary>
/// Compares JSON values the way people read them: numbers by value (<c>575</c> equals <c>575.00</c>), objects
/// regardless of property order, strings exactly.
/// </summary>
public static class JsonValues
{
    /// <summary>Says whether two values are the same value.</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when equivalent.</returns>
    public static bool Equivalent(JsonElement left, JsonElement right) =>
        string.Equals(CanonicalKey(left), CanonicalKey(right), StringComparison.Ordinal);

    /// <summary>Returns a text that is equal for equivalent values: the key votes are counted by.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The canonical text.</returns>
    public static string CanonicalKey(JsonElement value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                builder.Append(value.TryGetDecimal(out var number)
                    ? (number / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
                    : value.GetDouble().ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.Object:
                builder.Append('{');
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    builder.Append(JsonSerializer.Serialize(property.Name)).Append(':');
                    Append(builder, property.Value);
                    builder.Append(',');
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                foreach (var item in value.EnumerateArray())
                {
                    Append(builder, item);
                    builder.Append(',');
                }

                builder.Append(']');
                break;
            default:
                builder.Append(value.GetRawText());
                break;
        }
    }
}
