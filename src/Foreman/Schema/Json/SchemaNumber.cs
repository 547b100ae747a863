using System.Runtime.InteropServices;
using System.Text.Json;

namespace Foreman.Schema.Json;

/// <summary>A number taken from a schema keyword, kept in exact normalized form for repeated comparisons.</summary>
internal sealed class SchemaNumber
{
    private readonly byte[] digits;

    private SchemaNumber(byte[] digits, long exponent, bool negative, string text)
    {
        this.digits = digits;
        Exponent = exponent;
        Negative = negative;
        Text = text;
    }

    /// <summary>Gets the number as written in the schema, for messages.</summary>
    public string Text { get; }

    public long Exponent { get; }

    public bool Negative { get; }

    public DecimalNumber Value => new(Negative, digits, Exponent);

    public static SchemaNumber From(JsonElement number)
    {
        var raw = JsonMarshal.GetRawUtf8Value(number);
        var buffer = new byte[raw.Length];
        var parsed = DecimalNumber.Parse(raw, buffer);
        return new SchemaNumber(parsed.Digits.ToArray(), parsed.Exponent, parsed.Negative, number.GetRawText());
    }
}
