namespace Foreman.Schema;

/// <summary>Dialect.</summary>
public enum SchemaDialect
{
    /// <summary>2020-12.</summary>
    Draft202012,

    /// <summary>Draft 7.</summary>
    Draft7,
}
