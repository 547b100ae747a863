namespace Foreman.Schema;

/// <summary>One reason an instance failed validation. <see cref="ToString"/> gives the form to show a model: <c>/quantity: expected integer, got string</c>.</summary>
/// <param name="InstancePath">
/// JSON Pointer to the failing value, for example <c>/items/0/price</c>. The whole instance is <c>/</c> rather than
/// RFC 6901's empty string, so "path: message" reads naturally (<c>/: missing required property 'invoice_id'</c>).
/// </param>
/// <param name="Keyword">The schema keyword that failed, for example <c>required</c>.</param>
/// <param name="Message">What is wrong, in words a model can act on, for example <c>expected integer, got string</c>.</param>
public sealed record SchemaError(string InstancePath, string Keyword, string Message)
{
    /// <summary>Returns "<see cref="InstancePath"/>: <see cref="Message"/>".</summary>
    /// <returns>The error as one line.</returns>
    public override string ToString() => InstancePath + ": " + Message;
}
