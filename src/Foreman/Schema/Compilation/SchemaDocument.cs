using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Compilation;

/// <summary>A whole JSON document holding schemas, with the nodes compiled from it keyed by JSON Pointer.</summary>
internal sealed class SchemaDocument
{
    public SchemaDocument(string uri, JsonElement root)
    {
        Uri = uri;
        Root = root;
    }

    /// <summary>Gets the URI the document was retrieved under (or the default base URI for the root schema).</summary>
    public string Uri { get; }

    public JsonElement Root { get; }

    public Dictionary<string, SchemaNode> Nodes { get; } = new(StringComparer.Ordinal);
}
