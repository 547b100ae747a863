using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Compilation;

/// <summary>
/// A schema resource: a schema with its own base URI (a document root or a subschema with <c>$id</c>), with the
/// anchors declared inside it. Dynamic anchors are looked up per resource while resolving <c>$dynamicRef</c>.
/// </summary>
internal sealed class SchemaResource
{
    public SchemaResource(string baseUri, SchemaDialect dialect, Vocabularies vocabularies, SchemaDocument document, string pointer)
    {
        BaseUri = baseUri;
        Dialect = dialect;
        Vocabularies = vocabularies;
        Document = document;
        Pointer = pointer;
    }

    /// <summary>Gets the absolute base URI, without fragment.</summary>
    public string BaseUri { get; }

    public SchemaDialect Dialect { get; }

    public Vocabularies Vocabularies { get; }

    public SchemaDocument Document { get; }

    /// <summary>Gets the JSON Pointer of the resource's root within <see cref="Document"/>.</summary>
    public string Pointer { get; }

    public Dictionary<string, SchemaNode> Anchors { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SchemaNode> DynamicAnchors { get; } = new(StringComparer.Ordinal);
}
