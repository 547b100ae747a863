using System.Text.Json;
using System.Text.RegularExpressions;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Keywords;

namespace Foreman.Schema.Compilation;

/// <summary>
/// Turns schema documents into a tree of <see cref="SchemaNode"/>s. Every subschema reachable through a known keyword
/// is compiled eagerly, which registers all <c>$id</c>s and anchors; references are resolved afterwards, loading
/// external documents from <see cref="JsonSchemaOptions.KnownDocuments"/> or the resolver as they are needed.
/// </summary>
internal sealed partial class SchemaCompiler
{
    /// <summary>The base URI of a root schema without <c>$id</c>. The .invalid domain can never be fetched or collide with a real one.</summary>
    public const string DefaultBaseUri = "https://foreman.invalid/schema.json";

    // Schemas nested deeper than this are rejected rather than compiled recursively.
    private const int MaxSchemaDepth = 512;

    private readonly JsonSchemaOptions options;
    private readonly Dictionary<string, SchemaResource> resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> knownDocuments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Regex> regexes = new(StringComparer.Ordinal);
    private readonly Queue<(RefKeyword Keyword, SchemaDialect Dialect)> pending = new();

    public SchemaCompiler(JsonSchemaOptions options)
    {
        this.options = options;
        foreach (var (uri, document) in options.KnownDocuments ?? new Dictionary<Uri, JsonElement>())
        {
            var clone = document.Clone();
            knownDocuments.TryAdd(UriReference.SplitFragment(uri.OriginalString).Resource, clone);
            if (uri.IsAbsoluteUri)
            {
                knownDocuments.TryAdd(UriReference.SplitFragment(uri.AbsoluteUri).Resource, clone);
            }
        }
    }

    /// <summary>Gets a value indicating whether any <c>$dynamicRef</c> resolves dynamically, so validation must track the dynamic scope.</summary>
    public bool UsesDynamicScope { get; private set; }

    public SchemaNode Compile(JsonElement root)
    {
        var node = CompileSchema(new SchemaDocument(DefaultBaseUri, root), string.Empty, root, null, options.DefaultDialect, 0);
        while (pending.Count > 0)
        {
            var (keyword, dialect) = pending.Dequeue();
            Resolve(keyword, dialect);
        }

        return node;
    }

    private SchemaNode CompileSchema(SchemaDocument document, string pointer, JsonElement schema, SchemaResource? parent, SchemaDialect rootDialect, int depth)
    {
        if (document.Nodes.TryGetValue(pointer, out var existing))
        {
            return existing;
        }

        if (depth > MaxSchemaDepth)
        {
            throw new JsonSchemaException($"The schema is nested more than {MaxSchemaDepth} levels deep.");
        }

        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            var owner = parent ?? Register(document.Uri, new SchemaResource(document.Uri, rootDialect, Vocabularies.All, document, pointer));
            var constant = new SchemaNode(Location(owner, pointer), owner, schema.ValueKind == JsonValueKind.True);
            document.Nodes[pointer] = constant;
            return constant;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new JsonSchemaException($"The schema at '{document.Uri}#{pointer}' must be an object or a boolean, not {schema.ValueKind}.");
        }

        var resource = EnterResource(document, pointer, schema, parent, rootDialect, out var anchor);
        var node = new SchemaNode(Location(resource, pointer), resource);
        document.Nodes[pointer] = node;
        if (anchor is not null)
        {
            resource.Anchors[anchor] = node;
        }

        if (resource.Dialect == SchemaDialect.Draft202012)
        {
            if (schema.TryGetProperty("$anchor", out var plainAnchor))
            {
                resource.Anchors[RequireString(plainAnchor, "$anchor", node)] = node;
            }

            if (schema.TryGetProperty("$dynamicAnchor", out var dynamicAnchor))
            {
                var name = RequireString(dynamicAnchor, "$dynamicAnchor", node);
                resource.Anchors[name] = node;
                resource.DynamicAnchors[name] = node;
            }
        }

        CompileKeywords(node, new SchemaSite(document, pointer, schema, resource, depth));
        return node;
    }

    /// <summary>Works out the resource a schema object belongs to: its parent's, or a new one when it has <c>$id</c> or is a document root.</summary>
    private SchemaResource EnterResource(SchemaDocument document, string pointer, JsonElement schema, SchemaResource? parent, SchemaDialect rootDialect, out string? anchor)
    {
        anchor = null;
        var dialect = parent?.Dialect ?? rootDialect;
        var vocabularies = parent?.Vocabularies ?? Vocabularies.All;
        string? id = null;
        if (schema.TryGetProperty("$id", out var idElement) && idElement.ValueKind == JsonValueKind.String)
        {
            id = idElement.GetString();
        }

        if (parent is null || id is not null)
        {
            // $schema is only honoured where a resource starts; it may switch dialect (and vocabularies) for it.
            if (schema.TryGetProperty("$schema", out var metaschema) && metaschema.ValueKind == JsonValueKind.String)
            {
                (dialect, vocabularies) = ReadMetaschema(metaschema.GetString()!, dialect, 0);
            }
        }

        // In draft 7 a $ref hides its siblings, $id included, and an $id of the form "#name" is a plain-name anchor, not a new base.
        if (dialect == SchemaDialect.Draft7 && id is not null && (schema.TryGetProperty("$ref", out _) || id.StartsWith('#')))
        {
            anchor = schema.TryGetProperty("$ref", out _) ? null : id[1..];
            id = null;
        }

        if (parent is not null && id is null)
        {
            return parent;
        }

        var absolute = id is null ? document.Uri : UriReference.Resolve(parent?.BaseUri ?? document.Uri, id);
        var (uri, fragment) = UriReference.SplitFragment(absolute);
        var resource = Register(uri, new SchemaResource(uri, dialect, vocabularies, document, pointer));
        if (parent is null && !string.Equals(uri, document.Uri, StringComparison.Ordinal))
        {
            resources.TryAdd(document.Uri, resource);
        }

        if (dialect == SchemaDialect.Draft7 && !string.IsNullOrEmpty(fragment))
        {
            anchor = fragment;
        }

        return resource;
    }

    private SchemaResource Register(string uri, SchemaResource resource)
    {
        // A duplicate $id keeps its first registration; the later subtree still compiles under its own resource object.
        resources.TryAdd(uri, resource);
        return resource;
    }

    private void Resolve(RefKeyword keyword, SchemaDialect dialect)
    {
        var (uri, fragment) = UriReference.SplitFragment(keyword.Reference);
        if (!resources.TryGetValue(uri, out var resource))
        {
            if (TryLoad(uri, out var external))
            {
                CompileSchema(new SchemaDocument(uri, external), string.Empty, external, null, dialect, 0);
            }

            if (!resources.TryGetValue(uri, out resource))
            {
                throw new JsonSchemaException(
                    $"Cannot resolve {keyword.Keyword} '{keyword.Reference}': no schema with that URI is known. External documents must be supplied through KnownDocuments or a Resolver; nothing is fetched.");
            }
        }

        keyword.Target = ResolveFragment(keyword, resource, fragment, dialect);
        if (keyword.Keyword == "$dynamicRef" && !string.IsNullOrEmpty(fragment) && fragment[0] != '/'
            && resource.DynamicAnchors.TryGetValue(Uri.UnescapeDataString(fragment), out var dynamicTarget)
            && ReferenceEquals(dynamicTarget, keyword.Target))
        {
            // Only a reference that lands on a $dynamicAnchor of the same name resolves dynamically ("bookending").
            keyword.DynamicAnchor = Uri.UnescapeDataString(fragment);
            UsesDynamicScope = true;
        }
    }

    private SchemaNode ResolveFragment(RefKeyword keyword, SchemaResource resource, string? fragment, SchemaDialect dialect)
    {
        var document = resource.Document;
        if (string.IsNullOrEmpty(fragment))
        {
            return document.Nodes[resource.Pointer];
        }

        var decoded = Uri.UnescapeDataString(fragment);
        if (decoded[0] != '/')
        {
            return resource.Anchors.TryGetValue(decoded, out var anchored)
                ? anchored
                : throw new JsonSchemaException($"Cannot resolve {keyword.Keyword} '{keyword.Reference}': no anchor '{decoded}' in '{resource.BaseUri}'.");
        }

        var pointer = resource.Pointer + decoded;
        if (document.Nodes.TryGetValue(pointer, out var node))
        {
            return node;
        }

        if (!JsonPointer.TryNavigate(document.Root, pointer, out var target))
        {
            throw new JsonSchemaException($"Cannot resolve {keyword.Keyword} '{keyword.Reference}': nothing at that JSON Pointer.");
        }

        // A pointer into a place no keyword compiled (an unknown keyword, say): compile it now, within the resource it was reached from.
        return CompileSchema(document, pointer, target, resource, dialect, 0);
    }

    private bool TryLoad(string uri, out JsonElement document)
    {
        if (knownDocuments.TryGetValue(uri, out document))
        {
            return true;
        }

        if (options.Resolver is not null && Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && options.Resolver.TryResolve(parsed, out var resolved))
        {
            document = resolved.Clone();
            knownDocuments[uri] = document;
            return true;
        }

        document = default;
        return false;
    }

    private static string Location(SchemaResource resource, string pointer) =>
        resource.BaseUri + "#" + (pointer.StartsWith(resource.Pointer, StringComparison.Ordinal) ? pointer[resource.Pointer.Length..] : pointer);
}
