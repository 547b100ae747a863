using System.Text.Json;
using System.Text.RegularExpressions;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Json;
using Foreman.Schema.Keywords;

namespace Foreman.Schema.Compilation;

/// <summary>Reading keyword values: type checks with schema errors that name the keyword and location.</summary>
internal sealed partial class SchemaCompiler
{
    private RefKeyword Reference(string keyword, JsonElement value, SchemaSite site, SchemaNode node)
    {
        var reference = new RefKeyword(keyword, UriReference.Resolve(site.Resource.BaseUri, RequireString(value, keyword, node)));
        pending.Enqueue((reference, site.Resource.Dialect));
        return reference;
    }

    private SchemaNode Subschema(SchemaSite site, JsonElement value, string keyword) =>
        CompileSchema(site.Document, JsonPointer.Append(site.Pointer, keyword), value, site.Resource, site.Resource.Dialect, site.Depth + 1);

    private List<(string Name, SchemaNode Schema)> CompileMap(SchemaSite site, string keyword, JsonElement value, SchemaNode node)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(node, keyword, "must be an object");
        }

        var pointer = JsonPointer.Append(site.Pointer, keyword);
        var result = new List<(string, SchemaNode)>();
        foreach (var property in value.EnumerateObject())
        {
            var subschema = CompileSchema(site.Document, JsonPointer.Append(pointer, property.Name), property.Value, site.Resource, site.Resource.Dialect, site.Depth + 1);
            result.Add((property.Name, subschema));
        }

        return result;
    }

    private SchemaNode[] CompileArray(SchemaSite site, string keyword, JsonElement value, SchemaNode node, bool allowEmpty)
    {
        if (value.ValueKind != JsonValueKind.Array || (!allowEmpty && value.GetArrayLength() == 0))
        {
            throw Invalid(node, keyword, allowEmpty ? "must be an array" : "must be a non-empty array");
        }

        var pointer = JsonPointer.Append(site.Pointer, keyword);
        var result = new SchemaNode[value.GetArrayLength()];
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            result[index] = CompileSchema(site.Document, JsonPointer.Append(pointer, index), item, site.Resource, site.Resource.Dialect, site.Depth + 1);
            index++;
        }

        return result;
    }

    private Regex CompileRegex(string pattern, string keyword, SchemaNode node)
    {
        if (regexes.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        try
        {
            var regex = EcmaRegex.Create(pattern, options.RegexTimeout);
            regexes[pattern] = regex;
            return regex;
        }
        catch (ArgumentException e)
        {
            throw Invalid(node, keyword, $"is not a valid regular expression ('{pattern}': {e.Message})");
        }
    }

    private static string RequireString(JsonElement value, string keyword, SchemaNode node) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid(node, keyword, "must be a string");

    private static string[] RequireStrings(JsonElement value, string keyword, SchemaNode node)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw Invalid(node, keyword, "must be an array of strings");
        }

        return [.. value.EnumerateArray().Select(e => e.GetString()!)];
    }

    private static SchemaNumber RequireNumber(JsonElement value, string keyword, SchemaNode node) =>
        value.ValueKind == JsonValueKind.Number ? SchemaNumber.From(value) : throw Invalid(node, keyword, "must be a number");

    /// <summary>Reads a non-negative integer keyword (2.0 counts as 2); absurdly large values saturate.</summary>
    private static long? OptionalCount(JsonElement schema, string keyword, SchemaNode node)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !JsonNumbers.IsInteger(value))
        {
            throw Invalid(node, keyword, "must be a non-negative integer");
        }

        if (value.TryGetInt64(out var count))
        {
            return count >= 0 ? count : throw Invalid(node, keyword, "must be a non-negative integer");
        }

        var number = SchemaNumber.From(value);
        return number.Negative ? throw Invalid(node, keyword, "must be a non-negative integer") : number.Exponent > 18 || value.GetDouble() > long.MaxValue ? long.MaxValue : (long)value.GetDouble();
    }

    private static JsonSchemaException Invalid(SchemaNode node, string keyword, string problem) =>
        new($"Invalid schema at '{node.Location}': '{keyword}' {problem}.");
}
