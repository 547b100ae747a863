using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Foreman.Schema;

/// <summary>TEMPORARY placeholder until the validator lands; replaced wholesale.</summary>
public sealed class JsonSchema
{
    private JsonSchema(JsonElement source) => Source = source;

    /// <summary>Gets the schema document.</summary>
    public JsonElement Source { get; }

    /// <summary>Gets the dialect.</summary>
    public SchemaDialect Dialect => SchemaDialect.Draft202012;

    /// <summary>Parses a schema.</summary>
    /// <param name="json">Schema text.</param>
    /// <param name="options">Options.</param>
    /// <returns>The schema.</returns>
    public static JsonSchema Parse(string json, JsonSchemaOptions? options = null)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return FromElement(doc.RootElement, options);
        }
        catch (JsonException ex)
        {
            throw new JsonSchemaException("Invalid schema: " + ex.Message, ex);
        }
    }

    /// <summary>Wraps a schema element.</summary>
    /// <param name="schema">The element.</param>
    /// <param name="options">Options.</param>
    /// <returns>The schema.</returns>
    public static JsonSchema FromElement(JsonElement schema, JsonSchemaOptions? options = null) => new(schema.Clone());

    /// <summary>Tries to parse.</summary>
    /// <param name="json">Schema text.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="error">The error.</param>
    /// <param name="options">Options.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParse(string json, [NotNullWhen(true)] out JsonSchema? schema, [NotNullWhen(false)] out string? error, JsonSchemaOptions? options = null)
    {
        try
        {
            schema = Parse(json, options);
            error = null;
            return true;
        }
        catch (JsonSchemaException ex)
        {
            schema = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Checks validity.</summary>
    /// <param name="instance">The instance.</param>
    /// <returns>Whether valid.</returns>
    public bool IsValid(JsonElement instance) => Validate(instance).IsValid;

    /// <summary>Validates.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="maxErrors">Max errors.</param>
    /// <returns>The result.</returns>
    public SchemaValidationResult Validate(JsonElement instance, int maxErrors = 20)
    {
        if (Source.ValueKind == JsonValueKind.Object && Source.TryGetProperty("required", out var required) && instance.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in required.EnumerateArray())
            {
                if (!instance.TryGetProperty(name.GetString()!, out _))
                {
                    return new SchemaValidationResult([new SchemaError("/", "required", $"missing required property '{name.GetString()}'")]);
                }
            }
        }

        return SchemaValidationResult.Valid;
    }
}
