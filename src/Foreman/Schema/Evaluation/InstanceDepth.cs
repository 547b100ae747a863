using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Foreman.Schema.Evaluation;

/// <summary>
/// Checks instance nesting before validation starts, by scanning the raw JSON text without recursion. Everything that
/// recurses later (subschemas, equality, hashing) is then bounded by <see cref="JsonSchemaOptions.MaxDepth"/>.
/// </summary>
internal static class InstanceDepth
{
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"[]{}"u8);
    private static readonly SearchValues<byte> StringEnd = SearchValues.Create("\"\\"u8);

    public static bool Exceeds(JsonElement instance, int maxDepth)
    {
        var raw = JsonMarshal.GetRawUtf8Value(instance);

        // Each level of nesting needs at least two bytes, so short documents cannot be too deep.
        if (raw.Length <= 2L * maxDepth)
        {
            return false;
        }

        var depth = 0;
        var i = 0;
        while (true)
        {
            var next = raw[i..].IndexOfAny(Structural);
            if (next < 0)
            {
                return false;
            }

            i += next;
            switch (raw[i])
            {
                case (byte)'"':
                    i = SkipString(raw, i + 1);
                    continue;
                case (byte)'[' or (byte)'{':
                    if (++depth > maxDepth)
                    {
                        return true;
                    }

                    break;
                default:
                    depth--;
                    break;
            }

            i++;
        }
    }

    /// <summary>Finds the JSON Pointer of the first value nested deeper than allowed (the slow path, only after <see cref="Exceeds"/>).</summary>
    public static string FindTooDeep(JsonElement instance, int maxDepth)
    {
        var segments = new List<string>();
        return Find(instance, 0, maxDepth, segments) && segments.Count > 0 ? string.Concat(segments) : "/";
    }

    private static bool Find(JsonElement value, int depth, int maxDepth, List<string> segments)
    {
        if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return false;
        }

        if (depth + 1 > maxDepth)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                segments.Add("/" + index.ToString(CultureInfo.InvariantCulture));
                if (Find(item, depth + 1, maxDepth, segments))
                {
                    return true;
                }

                segments.RemoveAt(segments.Count - 1);
                index++;
            }

            return false;
        }

        foreach (var property in value.EnumerateObject())
        {
            segments.Add("/" + Foreman.Schema.Json.JsonStrings.GetName(property).Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
            if (Find(property.Value, depth + 1, maxDepth, segments))
            {
                return true;
            }

            segments.RemoveAt(segments.Count - 1);
        }

        return false;
    }

    private static int SkipString(ReadOnlySpan<byte> raw, int i)
    {
        while (true)
        {
            var next = raw[i..].IndexOfAny(StringEnd);
            i += next;
            if (raw[i] == '"')
            {
                return i + 1;
            }

            i += 2;
        }
    }
}
