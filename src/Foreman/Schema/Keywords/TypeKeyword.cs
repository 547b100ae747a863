using System.Text.Json;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Json;

namespace Foreman.Schema.Keywords;

/// <summary><c>type</c>: one type or a list of types; integer accepts any number with no fractional part (1.0 included).</summary>
internal sealed class TypeKeyword : KeywordValidator
{
    private readonly JsonTypes allowed;
    private readonly string expected;

    public TypeKeyword(JsonTypes allowed, string expected)
    {
        this.allowed = allowed;
        this.expected = expected;
    }

    public static JsonTypes Parse(string name) => name switch
    {
        "null" => JsonTypes.Null,
        "boolean" => JsonTypes.Boolean,
        "object" => JsonTypes.Object,
        "array" => JsonTypes.Array,
        "number" => JsonTypes.Number,
        "string" => JsonTypes.String,
        "integer" => JsonTypes.Integer,
        _ => JsonTypes.None,
    };

    public static string Describe(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => JsonNumbers.IsInteger(instance) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var actual = instance.ValueKind switch
        {
            JsonValueKind.Object => JsonTypes.Object,
            JsonValueKind.Array => JsonTypes.Array,
            JsonValueKind.String => JsonTypes.String,
            JsonValueKind.Number => JsonTypes.Number,
            JsonValueKind.True or JsonValueKind.False => JsonTypes.Boolean,
            _ => JsonTypes.Null,
        };

        if ((allowed & actual) != JsonTypes.None)
        {
            return true;
        }

        if (actual == JsonTypes.Number && (allowed & JsonTypes.Integer) != JsonTypes.None && JsonNumbers.IsInteger(instance))
        {
            return true;
        }

        return context.Fail("type", $"expected {expected}, got {Describe(instance)}");
    }
}
