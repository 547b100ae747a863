namespace Foreman.Schema;

/// <summary>The outcome of <see cref="JsonSchema.Validate"/>: valid, or the errors found (up to the requested maximum).</summary>
public sealed class SchemaValidationResult
{
    internal SchemaValidationResult(IReadOnlyList<SchemaError> errors) => Errors = errors;

    /// <summary>Gets the shared result for a valid instance.</summary>
    public static SchemaValidationResult Valid { get; } = new([]);

    /// <summary>Gets a value indicating whether the instance is valid.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Gets the errors found, in the order they were found; empty when valid.</summary>
    public IReadOnlyList<SchemaError> Errors { get; }

    /// <summary>Returns "valid" or the errors as "path: message", one per line.</summary>
    /// <returns>A readable summary.</returns>
    public override string ToString() => IsValid ? "valid" : string.Join('\n', Errors);
}
