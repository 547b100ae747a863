namespace Foreman.Schema;

/// <summary>Invalid schema.</summary>
public sealed class JsonSchemaException : Exception
{
    /// <summary>Creates it.</summary>
    public JsonSchemaException()
    {
    }

    /// <summary>Creates it.</summary>
    /// <param name="message">Message.</param>
    public JsonSchemaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates it.</summary>
    /// <param name="message">Message.</param>
    /// <param name="innerException">Inner.</param>
    public JsonSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
