using System.Text.Json;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Keywords;

namespace Foreman.Schema.Compilation;

/// <summary>Compilation of keywords that apply subschemas.</summary>
internal sealed partial class SchemaCompiler
{
    private void CompileObjectApplicators(SchemaSite site, SchemaNode node, KeywordLists keywords, bool draft7)
    {
        var schema = site.Schema;
        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var hasPatterns = schema.TryGetProperty("patternProperties", out var patternProperties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additionalProperties);
        if (hasProperties || hasPatterns || hasAdditional)
        {
            var names = new List<string>();
            var schemas = new List<SchemaNode>();
            if (hasProperties)
            {
                foreach (var (name, subschema) in CompileMap(site, "properties", properties, node))
                {
                    names.Add(name);
                    schemas.Add(subschema);
                }
            }

            var patterns = new List<PatternSchema>();
            if (hasPatterns)
            {
                foreach (var (pattern, subschema) in CompileMap(site, "patternProperties", patternProperties, node))
                {
                    patterns.Add(new PatternSchema(CompileRegex(pattern, "patternProperties", node), pattern, subschema));
                }
            }

            var additional = hasAdditional ? Subschema(site, additionalProperties, "additionalProperties") : null;
            keywords.Objects.Add(new PropertiesKeyword(new PropertyNameSet(names), [.. schemas], [.. patterns], additional));
        }

        if (schema.TryGetProperty("propertyNames", out var propertyNames))
        {
            keywords.Objects.Add(new PropertyNamesKeyword(Subschema(site, propertyNames, "propertyNames")));
        }

        if (!draft7 && schema.TryGetProperty("dependentSchemas", out var dependentSchemas))
        {
            keywords.Objects.Add(new DependentSchemasKeyword(CompileMap(site, "dependentSchemas", dependentSchemas, node)));
        }

        if (draft7 && schema.TryGetProperty("dependencies", out var dependencies))
        {
            if (dependencies.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(node, "dependencies", "must be an object");
            }

            var requiredRules = new List<(string, string[])>();
            var schemaRules = new List<(string, SchemaNode)>();
            foreach (var dependency in dependencies.EnumerateObject())
            {
                if (dependency.Value.ValueKind == JsonValueKind.Array)
                {
                    requiredRules.Add((dependency.Name, RequireStrings(dependency.Value, "dependencies", node)));
                }
                else
                {
                    var pointer = JsonPointer.Append(JsonPointer.Append(site.Pointer, "dependencies"), dependency.Name);
                    schemaRules.Add((dependency.Name, CompileSchema(site.Document, pointer, dependency.Value, site.Resource, site.Resource.Dialect, site.Depth + 1)));
                }
            }

            keywords.Objects.Add(new DependentRequiredKeyword(requiredRules, "dependencies"));
            keywords.Objects.Add(new DependentSchemasKeyword(schemaRules));
        }
    }

    private void CompileArrayApplicators(SchemaSite site, SchemaNode node, KeywordLists keywords, bool draft7, bool validation)
    {
        var schema = site.Schema;
        var hasItems = schema.TryGetProperty("items", out var items);
        if (draft7)
        {
            if (hasItems && items.ValueKind == JsonValueKind.Array)
            {
                var rest = schema.TryGetProperty("additionalItems", out var additionalItems) ? Subschema(site, additionalItems, "additionalItems") : null;
                keywords.Arrays.Add(new ItemsKeyword(CompileArray(site, "items", items, node, allowEmpty: true), rest, "additionalItems"));
            }
            else if (hasItems)
            {
                keywords.Arrays.Add(new ItemsKeyword([], Subschema(site, items, "items"), "items"));
            }
        }
        else
        {
            var prefix = schema.TryGetProperty("prefixItems", out var prefixItems) ? CompileArray(site, "prefixItems", prefixItems, node, allowEmpty: false) : [];
            var rest = hasItems ? Subschema(site, items, "items") : null;
            if (prefix.Length > 0 || rest is not null)
            {
                keywords.Arrays.Add(new ItemsKeyword(prefix, rest, "items"));
            }
        }

        if (schema.TryGetProperty("contains", out var contains))
        {
            var containsSchema = Subschema(site, contains, "contains");
            long minimum = 1;
            long? maximum = null;
            if (!draft7 && validation)
            {
                minimum = OptionalCount(schema, "minContains", node) ?? 1;
                maximum = OptionalCount(schema, "maxContains", node);
            }

            keywords.Arrays.Add(new ContainsKeyword(containsSchema, minimum, maximum));
        }
    }

    private void CompileInPlaceApplicators(SchemaSite site, SchemaNode node, KeywordLists keywords)
    {
        var schema = site.Schema;
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            keywords.Applicators.Add(new AllOfKeyword(CompileArray(site, "allOf", allOf, node, allowEmpty: false)));
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            keywords.Applicators.Add(new AnyOfKeyword(CompileArray(site, "anyOf", anyOf, node, allowEmpty: false)));
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            keywords.Applicators.Add(new OneOfKeyword(CompileArray(site, "oneOf", oneOf, node, allowEmpty: false)));
        }

        if (schema.TryGetProperty("not", out var not))
        {
            keywords.Applicators.Add(new NotKeyword(Subschema(site, not, "not")));
        }

        // then/else are compiled even without if, so identifiers inside them are still registered.
        var then = schema.TryGetProperty("then", out var thenSchema) ? Subschema(site, thenSchema, "then") : null;
        var otherwise = schema.TryGetProperty("else", out var elseSchema) ? Subschema(site, elseSchema, "else") : null;
        if (schema.TryGetProperty("if", out var condition))
        {
            keywords.Applicators.Add(new IfThenElseKeyword(Subschema(site, condition, "if"), then, otherwise));
        }
    }
}
