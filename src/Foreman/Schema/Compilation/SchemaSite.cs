using System.Text.Json;

namespace Foreman.Schema.Compilation;

/// <summary>Where a schema object being compiled sits: its document, pointer, JSON and resource.</summary>
internal readonly record struct SchemaSite(SchemaDocument Document, string Pointer, JsonElement Schema, SchemaResource Resource, int Depth);
