using System.Text.Json;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Formats;
using Foreman.Schema.Json;
using Foreman.Schema.Keywords;

namespace Foreman.Schema.Compilation;

/// <summary>Keyword compilation: reads each keyword once and builds its validator.</summary>
internal sealed partial class SchemaCompiler
{
    private void CompileKeywords(SchemaNode node, SchemaSite site)
    {
        var schema = site.Schema;
        var draft7 = site.Resource.Dialect == SchemaDialect.Draft7;
        var vocabularies = site.Resource.Vocabularies;
        var keywords = new KeywordLists();

        if (draft7 && schema.TryGetProperty("$ref", out var draft7Reference))
        {
            // Draft 7: "All other properties in a $ref object MUST be ignored."
            keywords.Applicators.Add(Reference("$ref", draft7Reference, site, node));
            keywords.AssignTo(node);
            return;
        }

        // Definitions hold no validation, but compiling them registers the $ids and anchors inside.
        if (schema.TryGetProperty(draft7 ? "definitions" : "$defs", out var definitions))
        {
            CompileMap(site, draft7 ? "definitions" : "$defs", definitions, node);
        }

        if (!draft7 && vocabularies.HasFlag(Vocabularies.Core))
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                keywords.Applicators.Add(Reference("$ref", reference, site, node));
            }

            if (schema.TryGetProperty("$dynamicRef", out var dynamicReference))
            {
                keywords.Applicators.Add(Reference("$dynamicRef", dynamicReference, site, node));
            }
        }

        if (vocabularies.HasFlag(Vocabularies.Validation))
        {
            CompileValidation(site, node, keywords, draft7);
        }

        if ((options.AssertFormat || vocabularies.HasFlag(Vocabularies.FormatAssertion))
            && schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
            && FormatCheckers.Find(format.GetString()!) is { } check)
        {
            keywords.Strings.Add(new FormatKeyword(format.GetString()!, check));
        }

        if (vocabularies.HasFlag(Vocabularies.Applicator))
        {
            CompileObjectApplicators(site, node, keywords, draft7);
            CompileArrayApplicators(site, node, keywords, draft7, vocabularies.HasFlag(Vocabularies.Validation));
            CompileInPlaceApplicators(site, node, keywords);
        }

        if (!draft7 && vocabularies.HasFlag(Vocabularies.Unevaluated))
        {
            if (schema.TryGetProperty("unevaluatedProperties", out var unevaluatedProperties))
            {
                keywords.Trailing.Add(new UnevaluatedPropertiesKeyword(Subschema(site, unevaluatedProperties, "unevaluatedProperties")));
            }

            if (schema.TryGetProperty("unevaluatedItems", out var unevaluatedItems))
            {
                keywords.Trailing.Add(new UnevaluatedItemsKeyword(Subschema(site, unevaluatedItems, "unevaluatedItems")));
            }
        }

        keywords.AssignTo(node);
    }

    private void CompileValidation(SchemaSite site, SchemaNode node, KeywordLists keywords, bool draft7)
    {
        var schema = site.Schema;
        if (schema.TryGetProperty("type", out var type))
        {
            keywords.Leading.Add(CompileType(type, node));
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            keywords.Leading.Add(new ConstKeyword(constant));
        }

        if (schema.TryGetProperty("enum", out var enumeration))
        {
            if (enumeration.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(node, "enum", "must be an array");
            }

            keywords.Leading.Add(new EnumKeyword([.. enumeration.EnumerateArray()]));
        }

        foreach (var (name, bound) in new[]
        {
            ("minimum", NumericBound.Minimum), ("maximum", NumericBound.Maximum),
            ("exclusiveMinimum", NumericBound.ExclusiveMinimum), ("exclusiveMaximum", NumericBound.ExclusiveMaximum),
        })
        {
            if (schema.TryGetProperty(name, out var limit))
            {
                keywords.Numbers.Add(new NumericBoundKeyword(bound, RequireNumber(limit, name, node)));
            }
        }

        if (schema.TryGetProperty("multipleOf", out var multipleOf))
        {
            var divisor = RequireNumber(multipleOf, "multipleOf", node);
            if (divisor.Negative || divisor.Value.IsZero)
            {
                throw Invalid(node, "multipleOf", "must be greater than 0");
            }

            keywords.Numbers.Add(new MultipleOfKeyword(divisor));
        }

        var minLength = OptionalCount(schema, "minLength", node);
        var maxLength = OptionalCount(schema, "maxLength", node);
        if (minLength is not null || maxLength is not null)
        {
            keywords.Strings.Add(new StringLengthKeyword(minLength, maxLength));
        }

        if (schema.TryGetProperty("pattern", out var pattern))
        {
            var text = RequireString(pattern, "pattern", node);
            keywords.Strings.Add(new PatternKeyword(CompileRegex(text, "pattern", node), text));
        }

        var minItems = OptionalCount(schema, "minItems", node);
        var maxItems = OptionalCount(schema, "maxItems", node);
        if (minItems is not null || maxItems is not null)
        {
            keywords.Arrays.Add(new CountKeyword(false, minItems, maxItems));
        }

        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True)
        {
            keywords.Arrays.Add(new UniqueItemsKeyword());
        }

        if (schema.TryGetProperty("required", out var required))
        {
            keywords.Objects.Add(new RequiredKeyword(RequireStrings(required, "required", node)));
        }

        var minProperties = OptionalCount(schema, "minProperties", node);
        var maxProperties = OptionalCount(schema, "maxProperties", node);
        if (minProperties is not null || maxProperties is not null)
        {
            keywords.Objects.Add(new CountKeyword(true, minProperties, maxProperties));
        }

        if (!draft7 && schema.TryGetProperty("dependentRequired", out var dependentRequired))
        {
            if (dependentRequired.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(node, "dependentRequired", "must be an object");
            }

            keywords.Objects.Add(new DependentRequiredKeyword(
                dependentRequired.EnumerateObject().Select(p => (p.Name, RequireStrings(p.Value, "dependentRequired", node))).ToList(), "dependentRequired"));
        }
    }

    private static TypeKeyword CompileType(JsonElement type, SchemaNode node)
    {
        string[] names = type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => RequireStrings(type, "type", node),
            _ => throw Invalid(node, "type", "must be a string or an array of strings"),
        };

        var allowed = JsonTypes.None;
        foreach (var name in names)
        {
            var flag = TypeKeyword.Parse(name);
            if (flag == JsonTypes.None)
            {
                throw Invalid(node, "type", $"has unknown type '{name}'");
            }

            allowed |= flag;
        }

        var expected = names.Length == 1 ? names[0] : string.Join(" or ", names);
        return new TypeKeyword(allowed, expected);
    }
}
