using System.Text.Json;
using Foreman.Schema;

namespace Foreman.Tests.Schema;

public sealed class JsonSchemaErrorTests
{
    private const string InvoiceSchema = """
        {
          "type": "object",
          "required": ["invoice_id", "items"],
          "additionalProperties": false,
          "properties": {
            "invoice_id": { "type": "string", "pattern": "^INV-[0-9]+$" },
            "quantity": { "type": "integer", "minimum": 1 },
            "items": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": { "price": { "type": "number", "exclusiveMinimum": 0 } }
              }
            }
          }
        }
        """;

    [Fact]
    public void Validate_WrongType_ReportsPathKeywordAndActionableMessage()
    {
        var error = Validate(InvoiceSchema, """{"invoice_id": "INV-1", "items": [], "quantity": "3"}""").Errors.ShouldHaveSingleItem();

        error.InstancePath.ShouldBe("/quantity");
        error.Keyword.ShouldBe("type");
        error.Message.ShouldBe("expected integer, got string");
        error.ToString().ShouldBe("/quantity: expected integer, got string");
    }

    [Fact]
    public void Validate_MissingRequired_ReportsRootAsSlash()
    {
        var error = Validate(InvoiceSchema, """{"items": []}""").Errors.ShouldHaveSingleItem();

        error.InstancePath.ShouldBe("/");
        error.Keyword.ShouldBe("required");
        error.ToString().ShouldBe("/: missing required property 'invoice_id'");
    }

    [Fact]
    public void Validate_NestedArrayItem_ReportsFullPointer()
    {
        var error = Validate(InvoiceSchema, """{"invoice_id": "INV-1", "items": [{"price": 2}, {"price": 0}]}""").Errors.ShouldHaveSingleItem();

        error.InstancePath.ShouldBe("/items/1/price");
        error.Keyword.ShouldBe("exclusiveMinimum");
        error.Message.ShouldBe("0 must be greater than 0");
    }

    [Fact]
    public void Validate_AdditionalPropertyAndPattern_ReportsBothInOrder()
    {
        var result = Validate(InvoiceSchema, """{"invoice_id": "42", "items": [], "extra": true}""");

        result.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "/invoice_id: string does not match pattern '^INV-[0-9]+$'",
            "/: property 'extra' is not allowed",
        ]);
        result.Errors[1].Keyword.ShouldBe("additionalProperties");
    }

    [Fact]
    public void Validate_PropertyNameWithSlashAndTilde_IsEscapedInPointer()
    {
        var error = Validate("""{"properties": {"a/b~c": {"type": "string"}}}""", """{"a/b~c": 1}""").Errors.ShouldHaveSingleItem();

        error.InstancePath.ShouldBe("/a~1b~0c");
    }

    [Fact]
    public void Validate_MoreErrorsThanMax_StopsAtMax()
    {
        var schema = JsonSchema.Parse("""{"items": {"type": "string"}}""");
        using var instance = JsonDocument.Parse("[1, 2, 3, 4, 5]");

        schema.Validate(instance.RootElement, maxErrors: 2).Errors.Count.ShouldBe(2);
        schema.Validate(instance.RootElement).Errors.Count.ShouldBe(5);
    }

    [Fact]
    public void Validate_AnyOfFailure_ExplainsEachOption()
    {
        var error = Validate("""{"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 10}]}""", "5").Errors.ShouldHaveSingleItem();

        error.Keyword.ShouldBe("anyOf");
        error.Message.ShouldBe("value does not match any of the allowed schemas (option 1: /: expected string, got integer; option 2: /: 5 must be greater than or equal to 10)");
    }

    [Fact]
    public void Validate_ValidInstance_ReturnsSharedValidResult()
    {
        var result = Validate(InvoiceSchema, """{"invoice_id": "INV-7", "items": [{"price": 9.99}], "quantity": 2}""");

        result.ShouldBeSameAs(SchemaValidationResult.Valid);
        result.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Validate_EnumAndConst_UseJsonEquality()
    {
        Validate("""{"const": {"a": 1, "b": [1.0]}}""", """{"b": [1], "a": 1.00}""").IsValid.ShouldBeTrue();
        var error = Validate("""{"enum": ["red", "green"]}""", "\"blue\"").Errors.ShouldHaveSingleItem();
        error.Message.ShouldBe("value must be one of: \"red\", \"green\"");
    }

    private static SchemaValidationResult Validate(string schema, string instance)
    {
        using var document = JsonDocument.Parse(instance);
        return JsonSchema.Parse(schema).Validate(document.RootElement);
    }
}
