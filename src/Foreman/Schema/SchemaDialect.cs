namespace Foreman.Schema;

/// <summary>The JSON Schema draft whose keyword semantics a schema is compiled with.</summary>
public enum SchemaDialect
{
    /// <summary>JSON Schema draft 2020-12 (<c>https://json-schema.org/draft/2020-12/schema</c>).</summary>
    Draft202012,

    /// <summary>JSON Schema draft 7 (<c>http://json-schema.org/draft-07/schema#</c>).</summary>
    Draft7,
}
