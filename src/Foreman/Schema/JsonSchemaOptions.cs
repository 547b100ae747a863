namespace Foreman.Schema;

/// <summary>Options.</summary>
public sealed class JsonSchemaOptions
{
    /// <summary>Gets or sets the default dialect.</summary>
    public SchemaDialect DefaultDialect { get; set; } = SchemaDialect.Draft202012;
}
