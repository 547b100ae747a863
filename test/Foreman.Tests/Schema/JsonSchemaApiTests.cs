using System.Text.Json;
using Foreman.Schema;

namespace Foreman.Tests.Schema;

public sealed class JsonSchemaApiTests
{
    [Theory]
    [InlineData("{\"type\": ", "not valid JSON")]
    [InlineData("""{"minLength": -1}""", "'minLength' must be a non-negative integer")]
    [InlineData("""{"type": "text"}""", "unknown type 'text'")]
    [InlineData("""{"pattern": "(unclosed"}""", "'pattern' is not a valid regular expression")]
    [InlineData("""{"$ref": "https://example.com/other.json"}""", "KnownDocuments")]
    [InlineData("""{"$ref": "#/$defs/missing"}""", "nothing at that JSON Pointer")]
    [InlineData("42", "must be an object or a boolean")]
    public void Parse_InvalidSchema_ThrowsWithReason(string json, string reason)
    {
        Should.Throw<JsonSchemaException>(() => JsonSchema.Parse(json)).Message.ShouldContain(reason);
        JsonSchema.TryParse(json, out var schema, out var error).ShouldBeFalse();
        schema.ShouldBeNull();
        error.ShouldContain(reason);
    }

    [Fact]
    public void TryParse_ValidSchema_ReturnsSchema()
    {
        JsonSchema.TryParse("true", out var schema, out var error).ShouldBeTrue();
        schema.ShouldNotBeNull();
        error.ShouldBeNull();
    }

    [Fact]
    public void FromElement_SourceDocumentDisposed_SchemaStillWorks()
    {
        JsonSchema schema;
        using (var document = JsonDocument.Parse("""{"enum": ["a", {"b": 1}]}"""))
        {
            schema = JsonSchema.FromElement(document.RootElement);
        }

        Valid(schema, """{"b": 1.0}""").ShouldBeTrue();
        schema.Source.GetProperty("enum").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public void Dialect_FollowsSchemaKeywordElseDefault()
    {
        JsonSchema.Parse("{}").Dialect.ShouldBe(SchemaDialect.Draft202012);
        JsonSchema.Parse("{}", new JsonSchemaOptions { DefaultDialect = SchemaDialect.Draft7 }).Dialect.ShouldBe(SchemaDialect.Draft7);
        JsonSchema.Parse("""{"$schema": "http://json-schema.org/draft-07/schema#"}""").Dialect.ShouldBe(SchemaDialect.Draft7);
    }

    [Fact]
    public void Draft7_RefSiblingsAreIgnored_2020_12_TheyApply()
    {
        const string schema = """{"$defs": {"s": {"type": "string"}}, "definitions": {"s": {"type": "string"}}, "properties": {"x": {"$ref": "#/definitions/s", "maxLength": 1}}}""";

        Valid(JsonSchema.Parse(schema, new JsonSchemaOptions { DefaultDialect = SchemaDialect.Draft7 }), """{"x": "long"}""").ShouldBeTrue();
        Valid(JsonSchema.Parse(schema), """{"x": "long"}""").ShouldBeFalse();
    }

    [Fact]
    public void KnownDocuments_ResolveExternalReferencesWithoutNetwork()
    {
        using var money = JsonDocument.Parse("""{"$defs": {"amount": {"type": "number", "minimum": 0}}}""");
        var options = new JsonSchemaOptions
        {
            KnownDocuments = new Dictionary<Uri, JsonElement> { [new Uri("https://schemas.example.com/money.json")] = money.RootElement },
        };
        var schema = JsonSchema.Parse("""{"$id": "https://schemas.example.com/order.json", "properties": {"total": {"$ref": "money.json#/$defs/amount"}}}""", options);

        Valid(schema, """{"total": 3}""").ShouldBeTrue();
        Valid(schema, """{"total": -3}""").ShouldBeFalse();
    }

    [Fact]
    public void Resolver_IsConsultedForUnknownDocuments()
    {
        var resolver = new DictionaryResolver("""{"type": "integer"}""");
        var schema = JsonSchema.Parse("""{"$ref": "urn:example:integer"}""", new JsonSchemaOptions { Resolver = resolver });

        Valid(schema, "1").ShouldBeTrue();
        Valid(schema, "1.5").ShouldBeFalse();
        resolver.Requested.ShouldBe(["urn:example:integer"]);
    }

    [Fact]
    public void AssertFormat_OffByDefault_OnValidatesKnownFormats()
    {
        const string schema = """{"format": "date-time"}""";

        Valid(JsonSchema.Parse(schema), "\"yesterday\"").ShouldBeTrue();
        Valid(JsonSchema.Parse(schema, new JsonSchemaOptions { AssertFormat = true }), "\"yesterday\"").ShouldBeFalse();
        Valid(JsonSchema.Parse(schema, new JsonSchemaOptions { AssertFormat = true }), "\"2026-11-22T10:00:00Z\"").ShouldBeTrue();
    }

    [Fact]
    public void IsValid_DefaultElement_Throws()
    {
        Should.Throw<ArgumentException>(() => JsonSchema.Parse("{}").IsValid(default));
    }

    private static bool Valid(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        return schema.IsValid(document.RootElement);
    }

    private sealed class DictionaryResolver : ISchemaResolver
    {
        private readonly JsonElement document;

        public DictionaryResolver(string json)
        {
            using var parsed = JsonDocument.Parse(json);
            document = parsed.RootElement.Clone();
        }

        public List<string> Requested { get; } = [];

        public bool TryResolve(Uri uri, out JsonElement document)
        {
            Requested.Add(uri.OriginalString);
            document = this.document;
            return true;
        }
    }
}
