using System.Diagnostics;
using System.Text.Json;
using Foreman.Schema;

namespace Foreman.Tests.Schema;

/// <summary>Hostile input must fail validation cleanly: no stack overflow, no unbounded regex, no allocation on the hot path.</summary>
public sealed class JsonSchemaSafetyTests
{
    [Fact]
    public void IsValid_TenThousandLevelsDeep_FailsWithDepthErrorInsteadOfOverflowing()
    {
        using var instance = JsonDocument.Parse(new string('[', 10_000) + new string(']', 10_000), new JsonDocumentOptions { MaxDepth = 20_000 });
        var recursive = JsonSchema.Parse("""{"type": "array", "items": {"$ref": "#"}}""");

        recursive.IsValid(instance.RootElement).ShouldBeFalse();
        JsonSchema.Parse("{}").IsValid(instance.RootElement).ShouldBeFalse();
        var error = recursive.Validate(instance.RootElement).Errors.ShouldHaveSingleItem();
        error.Keyword.ShouldBe("maxDepth");
        error.InstancePath.ShouldBe(string.Concat(Enumerable.Repeat("/0", 64)));
        error.Message.ShouldEndWith("value is nested more than 64 levels deep");
    }

    [Fact]
    public void IsValid_DeepInstanceWithRaisedMaxDepth_FailsCleanlyOnRecursionGuard()
    {
        using var instance = JsonDocument.Parse(new string('[', 10_000) + new string(']', 10_000), new JsonDocumentOptions { MaxDepth = 20_000 });
        var schema = JsonSchema.Parse("""{"type": "array", "items": {"$ref": "#"}}""", new JsonSchemaOptions { MaxDepth = 100_000 });

        var result = schema.Validate(instance.RootElement);

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().Keyword.ShouldBe("$ref");
    }

    [Fact]
    public void IsValid_ReferenceCycleThatNeverDescends_FailsWithRecursionError()
    {
        var schema = JsonSchema.Parse("""{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}""");
        using var instance = JsonDocument.Parse("1");

        schema.IsValid(instance.RootElement).ShouldBeFalse();
        schema.Validate(instance.RootElement).Errors.ShouldHaveSingleItem().Message.ShouldContain("too deep");
    }

    [Fact]
    public void IsValid_TenMegabyteStringAgainstMaxLength_FailsQuickly()
    {
        var schema = JsonSchema.Parse("""{"type": "string", "maxLength": 100}""");
        using var ascii = JsonDocument.Parse("\"" + new string('a', 10 * 1024 * 1024) + "\"");
        using var unicode = JsonDocument.Parse("\"" + string.Concat(Enumerable.Repeat("é🐲", 2 * 1024 * 1024)) + "\"");

        var stopwatch = Stopwatch.StartNew();
        schema.IsValid(ascii.RootElement).ShouldBeFalse();
        schema.IsValid(unicode.RootElement).ShouldBeFalse();
        schema.Validate(unicode.RootElement).Errors.ShouldHaveSingleItem().Message.ShouldBe("string is too long (4194304 characters, maximum 100)");
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void MaxLength_CountsCodePointsNotUtf16Units()
    {
        var schema = JsonSchema.Parse("""{"maxLength": 2, "minLength": 2}""");

        Valid(schema, "\"🐲🐲\"").ShouldBeTrue();
        Valid(schema, "\"\\ud83d\\udc32\\ud83d\\udc32\"").ShouldBeTrue();
        Valid(schema, "\"🐲🐲🐲\"").ShouldBeFalse();
    }

    [Fact]
    public void Pattern_ClassicCatastrophicPattern_RunsInLinearTime()
    {
        // Runs on the non-backtracking engine, so the textbook ReDoS pattern answers immediately.
        var schema = JsonSchema.Parse("""{"pattern": "^(a+)+$"}""");
        var stopwatch = Stopwatch.StartNew();

        Valid(schema, "\"" + new string('a', 5_000) + "!\"").ShouldBeFalse();

        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Pattern_CatastrophicBacktrackingWithLookahead_TimesOutAsFailedValidation()
    {
        // A lookahead forces the backtracking engine; the match timeout turns the blow-up into a validation failure.
        var schema = JsonSchema.Parse("""{"properties": {"name": {"pattern": "^(?=(a*)*b)"}}}""", new JsonSchemaOptions { RegexTimeout = TimeSpan.FromMilliseconds(50) });
        using var instance = JsonDocument.Parse("{\"name\": \"" + new string('a', 40) + "!\"}");

        schema.IsValid(instance.RootElement).ShouldBeFalse();
        var error = schema.Validate(instance.RootElement).Errors.ShouldHaveSingleItem();
        error.InstancePath.ShouldBe("/name");
        error.Message.ShouldContain("in time");
    }

    [Fact]
    public void Pattern_UsesEcmaScriptSemantics()
    {
        var digits = JsonSchema.Parse("""{"pattern": "^\\d+$"}""");

        Valid(digits, "\"123\"").ShouldBeTrue();
        Valid(digits, "\"١٢٣\"").ShouldBeFalse();
        Valid(digits, "\"123\\n\"").ShouldBeFalse();
    }

    [Fact]
    public void Pattern_DotNetOnlyAnchors_AreAcceptedWithDotNetMeaning()
    {
        // Schemas generated from .NET [RegularExpression] attributes may use \A and \z; the regex format itself stays strict.
        var schema = JsonSchema.Parse("""{"pattern": "\\A[a-z]+\\z"}""");

        Valid(schema, "\"abc\"").ShouldBeTrue();
        Valid(schema, "\"abc\\n\"").ShouldBeFalse();
        Valid(JsonSchema.Parse("""{"format": "regex"}""", new JsonSchemaOptions { AssertFormat = true }), "\"\\\\A[a-z]+\"").ShouldBeFalse();
    }

    [Fact]
    public void UniqueItems_HugeArrayWithLateDuplicate_IsDetectedWithoutQuadraticCost()
    {
        var schema = JsonSchema.Parse("""{"uniqueItems": true}""");
        var items = string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"{{\"id\": {i}}}"));
        using var unique = JsonDocument.Parse($"[{items}]");
        using var duplicate = JsonDocument.Parse($"[{items}, {{\"id\": 5.0}}]");

        var stopwatch = Stopwatch.StartNew();
        schema.IsValid(unique.RootElement).ShouldBeTrue();
        schema.Validate(duplicate.RootElement).Errors.ShouldHaveSingleItem().Message.ShouldBe("items 5 and 100000 are equal, but items must be unique");
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void IsValid_TypicalObjectSchema_AllocatesNothingWhenValid()
    {
        var schema = JsonSchema.Parse("""
            {
              "type": "object",
              "required": ["sku", "quantity", "currency"],
              "additionalProperties": false,
              "properties": {
                "sku": { "type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$", "maxLength": 8 },
                "quantity": { "type": "integer", "minimum": 1, "maximum": 1000 },
                "price": { "type": "number", "exclusiveMinimum": 0, "multipleOf": 0.01 },
                "currency": { "enum": ["EUR", "USD", "GBP"] },
                "note": { "type": ["string", "null"], "minLength": 1 }
              }
            }
            """);
        using var instance = JsonDocument.Parse("""{"sku": "ABC-1234", "quantity": 3, "price": 19.99, "currency": "EUR", "note": "gift wrap, é"}""");
        schema.IsValid(instance.RootElement).ShouldBeTrue();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            schema.IsValid(instance.RootElement);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    [Fact]
    public void MultipleOf_DecimalDivisors_AreExact()
    {
        var schema = JsonSchema.Parse("""{"multipleOf": 0.0075}""");

        Valid(schema, "0.0225").ShouldBeTrue();
        Valid(schema, "0.023").ShouldBeFalse();
        Valid(schema, "75e-4").ShouldBeTrue();
        Valid(JsonSchema.Parse("""{"multipleOf": 0.01}"""), "19.99").ShouldBeTrue();
        Valid(JsonSchema.Parse("""{"multipleOf": 0.123456789}"""), "1e308").ShouldBeFalse();
        Valid(JsonSchema.Parse("""{"type": "integer", "maximum": 18446744073709551615}"""), "18446744073709551616").ShouldBeFalse();
    }

    private static bool Valid(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        return schema.IsValid(document.RootElement);
    }
}
