using System.Text.Json;

namespace Foreman.Schema.Compilation;

/// <summary>Dialect and vocabulary selection from <c>$schema</c>.</summary>
internal sealed partial class SchemaCompiler
{
    private const string VocabularyPrefix = "https://json-schema.org/draft/2020-12/vocab/";

    /// <summary>
    /// Maps a <c>$schema</c> URI to a dialect. The official metaschemas are recognised by URI; a custom metaschema
    /// supplied as a known document is read for its own <c>$schema</c> and its <c>$vocabulary</c>, so a metaschema
    /// without the validation vocabulary really turns those keywords off. Unknown URIs keep the inherited dialect.
    /// </summary>
    private (SchemaDialect Dialect, Vocabularies Vocabularies) ReadMetaschema(string uri, SchemaDialect inherited, int depth)
    {
        var resource = UriReference.SplitFragment(uri).Resource;
        switch (resource)
        {
            case "http://json-schema.org/draft-07/schema" or "https://json-schema.org/draft-07/schema"
                or "http://json-schema.org/draft-06/schema" or "http://json-schema.org/draft-04/schema":
                return (SchemaDialect.Draft7, Vocabularies.All);
            case "https://json-schema.org/draft/2020-12/schema" or "https://json-schema.org/draft/2019-09/schema":
                return (SchemaDialect.Draft202012, Vocabularies.All);
        }

        if (depth > 8 || !TryLoad(resource, out var metaschema) || metaschema.ValueKind != JsonValueKind.Object)
        {
            return (inherited, Vocabularies.All);
        }

        var dialect = inherited;
        if (metaschema.TryGetProperty("$schema", out var parent) && parent.ValueKind == JsonValueKind.String
            && !string.Equals(UriReference.SplitFragment(parent.GetString()!).Resource, resource, StringComparison.Ordinal))
        {
            dialect = ReadMetaschema(parent.GetString()!, inherited, depth + 1).Dialect;
        }

        if (!metaschema.TryGetProperty("$vocabulary", out var vocabulary) || vocabulary.ValueKind != JsonValueKind.Object)
        {
            return (dialect, Vocabularies.All);
        }

        var enabled = Vocabularies.None;
        foreach (var entry in vocabulary.EnumerateObject())
        {
            var flag = entry.Name.StartsWith(VocabularyPrefix, StringComparison.Ordinal)
                ? entry.Name[VocabularyPrefix.Length..] switch
                {
                    "core" => Vocabularies.Core,
                    "applicator" => Vocabularies.Applicator,
                    "unevaluated" => Vocabularies.Unevaluated,
                    "validation" => Vocabularies.Validation,
                    "format-assertion" => Vocabularies.FormatAssertion,
                    "format-annotation" or "meta-data" or "content" => Vocabularies.None,
                    _ => (Vocabularies?)null,
                }
                : null;

            if (flag is null)
            {
                if (entry.Value.ValueKind == JsonValueKind.True)
                {
                    throw new JsonSchemaException($"The metaschema '{resource}' requires vocabulary '{entry.Name}', which is not supported.");
                }

                continue;
            }

            enabled |= flag.Value;
        }

        return (dialect, enabled | Vocabularies.Core);
    }
}
