namespace Foreman.Schema;

/// <summary>Result.</summary>
public sealed class SchemaValidationResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="errors">Errors.</param>
    public SchemaValidationResult(IReadOnlyList<SchemaError> errors) => Errors = errors;

    /// <summary>Gets the valid singleton.</summary>
    public static SchemaValidationResult Valid { get; } = new([]);

    /// <summary>Gets a value indicating whether valid.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Gets the errors.</summary>
    public IReadOnlyList<SchemaError> Errors { get; }
}
