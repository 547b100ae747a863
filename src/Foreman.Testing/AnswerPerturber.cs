using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Foreman.Testing;

/// <summary>
/// Makes an answer subtly wrong while keeping its shape, so schema validation still passes and only a
/// quality check can tell: numbers move by a few percent, one string changes a character.
/// </summary>
internal static partial class AnswerPerturber
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>Perturbs <paramref name="text"/>; returns <see langword="null"/> when it holds nothing to change.</summary>
    public static string? Perturb(string text, double deviation, Random random)
    {
        var root = TryParse(text);
        return root is JsonObject or JsonArray ? PerturbJson(root, text.Contains('\n', StringComparison.Ordinal), deviation, random) : PerturbText(text, deviation, random);
    }

    private static string? PerturbJson(JsonNode root, bool indented, double deviation, Random random)
    {
        var numbers = new List<JsonValue>();
        var strings = new List<JsonValue>();
        var booleans = new List<JsonValue>();
        Collect(root, numbers, strings, booleans);
        if (numbers.Count == 0 && strings.Count == 0 && booleans.Count == 0)
        {
            return null;
        }

        foreach (var number in numbers)
        {
            Replace(number, JsonNode.Parse(MoveNumber(number.ToJsonString(), deviation, random))!);
        }

        if (strings.Count > 0)
        {
            var victim = strings[random.Next(strings.Count)];
            Replace(victim, JsonValue.Create(AlterOneCharacter(victim.GetValue<string>(), random)));
        }
        else if (numbers.Count == 0)
        {
            var victim = booleans[random.Next(booleans.Count)];
            Replace(victim, JsonValue.Create(victim.GetValueKind() != JsonValueKind.True));
        }

        return root.ToJsonString(indented ? Indented : Compact);
    }

    private static string? PerturbText(string text, double deviation, Random random)
    {
        if (NumberPattern().IsMatch(text))
        {
            return NumberPattern().Replace(text, m => MoveNumber(m.Value, deviation, random));
        }

        return text.Any(char.IsLetterOrDigit) ? AlterOneCharacter(text, random) : null;
    }

    /// <summary>Moves a JSON number by between 0.5 and 1.5 times <paramref name="deviation"/>, keeping integers integral.</summary>
    private static string MoveNumber(string raw, double deviation, Random random)
    {
        var fraction = deviation * (0.5 + random.NextDouble());
        var sign = random.Next(2) == 0 ? -1 : 1;
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            // At least one unit, or small counts would never change.
            var step = Math.Max(1L, (long)Math.Round(Math.Abs(integer) * fraction));
            return (integer + (sign * step)).ToString(CultureInfo.InvariantCulture);
        }

        if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            var decimals = Math.Max(2, raw.Contains('.', StringComparison.Ordinal) ? raw.Length - raw.IndexOf('.', StringComparison.Ordinal) - 1 : 0);
            var moved = value == 0 ? sign * (decimal)fraction : value * (1 + (sign * (decimal)fraction));
            moved = Math.Round(moved, Math.Min(decimals, 28));
            if (moved == value)
            {
                moved += sign * (decimal)Math.Pow(10, -Math.Min(decimals, 28));
            }

            return moved.ToString(CultureInfo.InvariantCulture);
        }

        var number = double.Parse(raw, CultureInfo.InvariantCulture);
        return (number * (1 + (sign * fraction))).ToString("R", CultureInfo.InvariantCulture);
    }

    private static string AlterOneCharacter(string text, Random random)
    {
        var positions = Enumerable.Range(0, text.Length).Where(i => char.IsAsciiLetterOrDigit(text[i])).ToList();
        if (positions.Count == 0)
        {
            return text + "?";
        }

        var at = positions[random.Next(positions.Count)];
        var c = text[at];
        var replacement = c switch
        {
            'z' => 'a',
            'Z' => 'A',
            '9' => '0',
            _ => (char)(c + 1),
        };
        return string.Concat(text.AsSpan(0, at), [replacement], text.AsSpan(at + 1));
    }

    private static void Collect(JsonNode? node, List<JsonValue> numbers, List<JsonValue> strings, List<JsonValue> booleans)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj)
                {
                    Collect(property.Value, numbers, strings, booleans);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, numbers, strings, booleans);
                }

                break;
            case JsonValue value:
                var list = value.GetValueKind() switch
                {
                    JsonValueKind.Number => numbers,
                    JsonValueKind.String => strings,
                    JsonValueKind.True or JsonValueKind.False => booleans,
                    _ => null,
                };
                list?.Add(value);
                break;
        }
    }

    private static void Replace(JsonValue old, JsonNode replacement)
    {
        switch (old.Parent)
        {
            case JsonObject obj:
                obj[old.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[old.GetElementIndex()] = replacement;
                break;
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"-?\d+(?:\.\d+)?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumberPattern();
}
