using System.Text.Json;

namespace Foreman.Schema;

/// <summary>
/// Options for compiling a <see cref="JsonSchema"/>. They are read once at compile time: changing them afterwards
/// has no effect on schemas already compiled.
/// </summary>
public sealed class JsonSchemaOptions
{
    /// <summary>Gets or sets the dialect used when the schema has no <c>$schema</c> keyword. The default value is <see cref="SchemaDialect.Draft202012"/>.</summary>
    public SchemaDialect DefaultDialect { get; set; } = SchemaDialect.Draft202012;

    /// <summary>
    /// Gets or sets a value indicating whether <c>format</c> is asserted. The default value is <see langword="false"/>:
    /// as the specification says, <c>format</c> is then only an annotation. When <see langword="true"/>, date-time, date, time,
    /// duration, email, hostname, ipv4, ipv6, uri, uuid and regex are validated; other formats are still ignored.
    /// </summary>
    public bool AssertFormat { get; set; }

    /// <summary>
    /// Gets or sets documents that external <c>$ref</c>s may point to, keyed by their absolute URI. The default value is <see langword="null"/>.
    /// Nothing is ever fetched from the network: a reference to a document that is neither here nor found by <see cref="Resolver"/> is a schema error.
    /// </summary>
    public IReadOnlyDictionary<Uri, JsonElement>? KnownDocuments { get; set; }

    /// <summary>Gets or sets a resolver consulted after <see cref="KnownDocuments"/> for external <c>$ref</c>s. The default value is <see langword="null"/>.</summary>
    public ISchemaResolver? Resolver { get; set; }

    /// <summary>
    /// Gets or sets the deepest instance nesting (arrays and objects) that validation accepts. The default value is 64.
    /// A deeper instance fails validation with a clear error instead of risking a stack overflow.
    /// </summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>
    /// Gets or sets how long one <c>pattern</c> or <c>patternProperties</c> match may run. The default value is 100 milliseconds.
    /// A match that runs out of time fails validation; it never throws.
    /// </summary>
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromMilliseconds(100);
}
