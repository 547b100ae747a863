using System.Runtime.InteropServices;
using System.Text.Json;

namespace Foreman.Schema.Json;

/// <summary>Allocation-free operations on number instances, through <see cref="DecimalNumber"/>.</summary>
internal static class JsonNumbers
{
    // Numbers longer than this are parsed into a heap buffer; real payloads never get there.
    private const int StackLimit = 64;

    public static bool IsInteger(JsonElement number)
    {
        var raw = JsonMarshal.GetRawUtf8Value(number);
        if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            return true;
        }

        var buffer = raw.Length <= StackLimit ? stackalloc byte[StackLimit] : new byte[raw.Length];
        return DecimalNumber.Parse(raw, buffer).IsInteger;
    }

    public static int Compare(JsonElement number, SchemaNumber limit)
    {
        var raw = JsonMarshal.GetRawUtf8Value(number);
        var buffer = raw.Length <= StackLimit ? stackalloc byte[StackLimit] : new byte[raw.Length];
        return DecimalNumber.Compare(DecimalNumber.Parse(raw, buffer), limit.Value);
    }

    public static bool IsMultipleOf(JsonElement number, SchemaNumber divisor)
    {
        var raw = JsonMarshal.GetRawUtf8Value(number);
        var buffer = raw.Length <= StackLimit ? stackalloc byte[StackLimit] : new byte[raw.Length];
        return DecimalNumber.IsMultipleOf(DecimalNumber.Parse(raw, buffer), divisor.Value);
    }

    public static bool AreEqual(JsonElement a, JsonElement b)
    {
        var rawA = JsonMarshal.GetRawUtf8Value(a);
        var rawB = JsonMarshal.GetRawUtf8Value(b);
        if (rawA.SequenceEqual(rawB))
        {
            return true;
        }

        var bufferA = rawA.Length <= StackLimit ? stackalloc byte[StackLimit] : new byte[rawA.Length];
        var bufferB = rawB.Length <= StackLimit ? stackalloc byte[StackLimit] : new byte[rawB.Length];
        return DecimalNumber.Compare(DecimalNumber.Parse(rawA, bufferA), DecimalNumber.Parse(rawB, bufferB)) == 0;
    }

    public static int GetValueHashCode(JsonElement number)
    {
        var raw = JsonMarshal.GetRawUtf8Value(number);
        var buffer = raw.Length <= StackLimit ? stackalloc byte[StackLimit] : new byte[raw.Length];
        return DecimalNumber.Parse(raw, buffer).GetValueHashCode();
    }
}
