namespace Foreman.Schema;

/// <summary>Thrown when a schema document is not a valid JSON Schema (bad keyword value, invalid pattern, unresolvable <c>$ref</c>).</summary>
public sealed class JsonSchemaException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="JsonSchemaException"/> class.</summary>
    public JsonSchemaException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JsonSchemaException"/> class with a message.</summary>
    /// <param name="message">What is wrong with the schema.</param>
    public JsonSchemaException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JsonSchemaException"/> class with a message and cause.</summary>
    /// <param name="message">What is wrong with the schema.</param>
    /// <param name="innerException">The underlying error.</param>
    public JsonSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
