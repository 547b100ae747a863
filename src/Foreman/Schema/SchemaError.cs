namespace Foreman.Schema;

/// <summary>An error.</summary>
/// <param name="InstancePath">Path.</param>
/// <param name="Keyword">Keyword.</param>
/// <param name="Message">Message.</param>
public sealed record SchemaError(string InstancePath, string Keyword, string Message);
