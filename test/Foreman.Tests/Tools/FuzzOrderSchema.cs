using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Foreman.Tests.Tools;

/// <summary>
/// The schema the argument fuzz test validates against, and an independent C# check of the same rules, written
/// without any JSON Schema code so it can judge what the guard let through.
/// </summary>
internal static partial class FuzzOrderSchema
{
    public const string Schema = """
        {
          "type": "object",
          "properties": {
            "sku": { "type": "string", "pattern": "^[A-Z]{3}-[0-9]{3}$" },
            "quantity": { "type": "integer", "minimum": 1, "maximum": 100 },
            "discount": { "type": "integer", "minimum": 0, "maximum": 50 },
            "price": { "type": "number", "exclusiveMinimum": 0, "maximum": 10000 },
            "title": { "type": "string", "maxLength": 50 },
            "note": { "type": "string" },
            "express": { "type": "boolean" },
            "tags": { "type": "array", "items": { "type": "string", "maxLength": 10 }, "maxItems": 5 },
            "address": {
              "type": "object",
              "properties": {
                "city": { "type": "string", "minLength": 1 },
                "zip": { "type": "string", "pattern": "^[0-9]{5}$" }
              },
              "required": ["city"],
              "additionalProperties": false
            }
          },
          "required": ["sku", "quantity"],
          "additionalProperties": false
        }
        """;

    /// <summary>Checks <paramref name="arguments"/> against the rules of <see cref="Schema"/>; returns why not, or <see langword="null"/>.</summary>
    public static string? Check(JsonElement arguments)
    {
        try
        {
            return CheckOrder(arguments);
        }
        catch (InvalidOperationException ex)
        {
            return $"unreadable: {ex.Message}";
        }
    }

    private static string? CheckOrder(JsonElement order)
    {
        if (order.ValueKind != JsonValueKind.Object)
        {
            return "not an object";
        }

        var names = order.EnumerateObject().Select(p => p.Name).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            return "duplicate property";
        }

        string[] allowed = ["sku", "quantity", "discount", "price", "title", "note", "express", "tags", "address"];
        if (names.FirstOrDefault(n => !allowed.Contains(n, StringComparer.Ordinal)) is { } extra)
        {
            return $"extra property '{extra}'";
        }

        if (!order.TryGetProperty("sku", out var sku) || sku.ValueKind != JsonValueKind.String || !Sku().IsMatch(sku.GetString()!))
        {
            return "bad sku";
        }

        if (!order.TryGetProperty("quantity", out var quantity) || !IsIntegerIn(quantity, 1, 100))
        {
            return "bad quantity";
        }

        if (order.TryGetProperty("discount", out var discount) && !IsIntegerIn(discount, 0, 50))
        {
            return "bad discount";
        }

        if (order.TryGetProperty("price", out var price) && !(price.ValueKind == JsonValueKind.Number && price.TryGetDecimal(out var p) && p > 0 && p <= 10_000))
        {
            return "bad price";
        }

        if (order.TryGetProperty("title", out var title) && !(title.ValueKind == JsonValueKind.String && CodePoints(title.GetString()!) <= 50))
        {
            return "bad title";
        }

        if (order.TryGetProperty("note", out var note) && (note.ValueKind != JsonValueKind.String || note.GetString() is null))
        {
            return "bad note";
        }

        if (order.TryGetProperty("express", out var express) && express.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return "bad express";
        }

        if (order.TryGetProperty("tags", out var tags)
            && !(tags.ValueKind == JsonValueKind.Array && tags.GetArrayLength() <= 5
                && tags.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String && CodePoints(t.GetString()!) <= 10)))
        {
            return "bad tags";
        }

        return order.TryGetProperty("address", out var address) ? CheckAddress(address) : null;
    }

    private static string? CheckAddress(JsonElement address)
    {
        if (address.ValueKind != JsonValueKind.Object)
        {
            return "address not an object";
        }

        if (address.EnumerateObject().Any(p => p.Name is not ("city" or "zip")))
        {
            return "extra address property";
        }

        if (!address.TryGetProperty("city", out var city) || city.ValueKind != JsonValueKind.String || CodePoints(city.GetString()!) < 1)
        {
            return "bad city";
        }

        return address.TryGetProperty("zip", out var zip) && !(zip.ValueKind == JsonValueKind.String && Zip().IsMatch(zip.GetString()!)) ? "bad zip" : null;
    }

    // JSON Schema: an integer is any number with a zero fractional part (3.0 and 1e1 are integers).
    private static bool IsIntegerIn(JsonElement value, decimal min, decimal max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && decimal.Truncate(d) == d && d >= min && d <= max;

    // JSON Schema string lengths count Unicode code points, not UTF-16 units.
    private static int CodePoints(string text) => text.EnumerateRunes().Count();

    // \z, not $: ECMA-262 '$' does not match before a final newline, .NET's does.
    [GeneratedRegex(@"^[A-Z]{3}-[0-9]{3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Sku();

    [GeneratedRegex(@"^[0-9]{5}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Zip();

    /// <summary>Formats a decimal the JSON way.</summary>
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Renders text as a JSON string literal using only plain characters the generator chose.</summary>
    public static string Quote(string plain)
    {
        var builder = new StringBuilder(plain.Length + 2).Append('"').Append(plain).Append('"');
        return builder.ToString();
    }
}
