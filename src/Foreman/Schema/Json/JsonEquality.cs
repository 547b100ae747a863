using System.Runtime.InteropServices;
using System.Text.Json;

namespace Foreman.Schema.Json;

/// <summary>
/// JSON value equality as JSON Schema defines it for enum, const and uniqueItems: numbers by value (1 equals 1.0),
/// strings by decoded value, objects regardless of key order. Recursion is bounded because instances are depth-checked first.
/// </summary>
internal static class JsonEquality
{
    public static bool AreEqual(JsonElement a, JsonElement b)
    {
        var kind = a.ValueKind;
        if (kind != b.ValueKind)
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Number:
                return JsonNumbers.AreEqual(a, b);
            case JsonValueKind.String:
                return JsonStrings.AreEqual(JsonStrings.RawBody(a), JsonStrings.RawBody(b));
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    return false;
                }

                using (var left = a.EnumerateArray())
                using (var right = b.EnumerateArray())
                {
                    while (left.MoveNext() && right.MoveNext())
                    {
                        if (!AreEqual(left.Current, right.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.Object:
                if (a.GetPropertyCount() != b.GetPropertyCount())
                {
                    return false;
                }

                foreach (var property in a.EnumerateObject())
                {
                    if (!TryGetProperty(b, property, out var other) || !AreEqual(property.Value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>A hash consistent with <see cref="AreEqual"/>, so uniqueItems can sort instead of comparing every pair.</summary>
    public static int GetValueHashCode(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return JsonNumbers.GetValueHashCode(value);
            case JsonValueKind.String:
                return JsonStrings.GetValueHashCode(JsonStrings.RawBody(value));
            case JsonValueKind.Array:
                var array = default(HashCode);
                array.Add(JsonValueKind.Array);
                foreach (var item in value.EnumerateArray())
                {
                    array.Add(GetValueHashCode(item));
                }

                return array.ToHashCode();
            case JsonValueKind.Object:
                // Order-independent: a sum of per-property hashes.
                var sum = (int)JsonValueKind.Object;
                foreach (var property in value.EnumerateObject())
                {
                    var name = JsonStrings.GetValueHashCode(JsonMarshal.GetRawUtf8PropertyName(property));
                    sum = unchecked(sum + HashCode.Combine(name, GetValueHashCode(property.Value)));
                }

                return sum;
            default:
                return (int)value.ValueKind;
        }
    }

    /// <summary>Looks a property up by another object's property name, decoding the name only when it has escapes.</summary>
    public static bool TryGetProperty(JsonElement target, JsonProperty nameSource, out JsonElement value)
    {
        var rawName = JsonMarshal.GetRawUtf8PropertyName(nameSource);
        if (rawName.IndexOf((byte)'\\') < 0)
        {
            return target.TryGetProperty(rawName, out value);
        }

        var name = JsonStrings.ToString(rawName);
        try
        {
            return target.TryGetProperty(name, out value);
        }
        catch (ArgumentException)
        {
            // A name with a lone surrogate cannot be transcoded for lookup: compare decoded names one by one.
            foreach (var candidate in target.EnumerateObject())
            {
                if (string.Equals(JsonStrings.GetName(candidate), name, StringComparison.Ordinal))
                {
                    value = candidate.Value;
                    return true;
                }
            }

            value = default;
            return false;
        }
    }
}
