using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Foreman.Testing;

/// <summary>Spoils tool-call argument JSON the ways real models do.</summary>
internal static class ArgumentCorrupter
{
    private static readonly string[] Garbage = ["}", "\n```", " I hope this helps!", ",}", "\n\nLet me know if you need anything else."];

    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Corrupts <paramref name="raw"/> in one of the allowed styles that applies to it.</summary>
    /// <returns>The corrupted text and the style used, or the input and <see cref="ArgumentCorruptions.None"/> when no allowed style applies.</returns>
    public static (string Raw, ArgumentCorruptions Style) Corrupt(string raw, string toolName, ChatOptions? options, ArgumentCorruptions allowed, Random random)
    {
        var parsed = TryParseObject(raw);
        var applicable = new List<ArgumentCorruptions>(4);
        if (allowed.HasFlag(ArgumentCorruptions.TruncatedJson) && raw.TrimEnd() is { Length: >= 2 } trimmed && trimmed[^1] is '}' or ']')
        {
            applicable.Add(ArgumentCorruptions.TruncatedJson);
        }

        if (allowed.HasFlag(ArgumentCorruptions.WrongType) && parsed is { Count: > 0 })
        {
            applicable.Add(ArgumentCorruptions.WrongType);
        }

        if (allowed.HasFlag(ArgumentCorruptions.MissingRequiredField) && parsed is { Count: > 0 })
        {
            applicable.Add(ArgumentCorruptions.MissingRequiredField);
        }

        if (allowed.HasFlag(ArgumentCorruptions.TrailingGarbage))
        {
            applicable.Add(ArgumentCorruptions.TrailingGarbage);
        }

        if (applicable.Count == 0)
        {
            return (raw, ArgumentCorruptions.None);
        }

        var style = applicable[random.Next(applicable.Count)];
        var corrupted = style switch
        {
            ArgumentCorruptions.TruncatedJson => Truncate(raw.TrimEnd(), random),
            ArgumentCorruptions.WrongType => ChangeType(parsed!, random),
            ArgumentCorruptions.MissingRequiredField => DropField(parsed!, RequiredOf(toolName, options), random),
            _ => raw + Garbage[random.Next(Garbage.Length)],
        };
        return (corrupted, style);
    }

    // A strict prefix of a JSON object or array never parses, whatever the cut point.
    private static string Truncate(string json, Random random) => json[..random.Next(1, json.Length)];

    private static string ChangeType(JsonObject arguments, Random random)
    {
        var property = arguments.ElementAt(random.Next(arguments.Count)).Key;
        var value = arguments[property];
        arguments[property] = value switch
        {
            null => JsonValue.Create("null"),
            JsonObject or JsonArray => JsonValue.Create(value.ToJsonString(WriteOptions)),
            _ => value.GetValueKind() switch
            {
                JsonValueKind.String => JsonValue.Create(value.GetValue<string>().Length),
                JsonValueKind.Number => JsonValue.Create(value.ToJsonString()),
                JsonValueKind.True => JsonValue.Create("true"),
                JsonValueKind.False => JsonValue.Create("false"),
                _ => JsonValue.Create(0),
            },
        };
        return arguments.ToJsonString(WriteOptions);
    }

    private static string DropField(JsonObject arguments, IReadOnlyCollection<string> required, Random random)
    {
        var present = arguments.Select(p => p.Key).ToList();
        var candidates = present.Where(required.Contains).ToList();
        if (candidates.Count == 0)
        {
            candidates = present;
        }

        arguments.Remove(candidates[random.Next(candidates.Count)]);
        return arguments.ToJsonString(WriteOptions);
    }

    private static HashSet<string> RequiredOf(string toolName, ChatOptions? options)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        var tool = options?.Tools?.OfType<AIFunctionDeclaration>().FirstOrDefault(t => string.Equals(t.Name, toolName, StringComparison.Ordinal));
        if (tool?.JsonSchema is { ValueKind: JsonValueKind.Object } schema
            && schema.TryGetProperty("required", out var list)
            && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    required.Add(item.GetString()!);
                }
            }
        }

        return required;
    }

    private static JsonObject? TryParseObject(string raw)
    {
        try
        {
            return JsonNode.Parse(raw) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
