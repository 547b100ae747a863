using System.Text;
using Foreman.Schema.Json;

namespace Foreman.Schema.Keywords;

/// <summary>
/// Schema property names matched against raw UTF-8 instance names without allocating: a linear byte comparison for
/// the usual handful of names, a span-keyed dictionary lookup for larger sets.
/// </summary>
internal sealed class PropertyNameSet
{
    private const int LinearLimit = 8;
    private const int StackLimit = 256;

    private readonly byte[][] utf8;
    private readonly Dictionary<string, int> lookup;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> spanLookup;

    public PropertyNameSet(IReadOnlyList<string> names)
    {
        utf8 = names.Select(Encoding.UTF8.GetBytes).ToArray();
        lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            lookup[names[i]] = i;
        }

        spanLookup = lookup.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => utf8.Length;

    /// <summary>Returns the index of the name equal to the raw (possibly escaped) UTF-8 <paramref name="rawName"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> rawName)
    {
        if (rawName.IndexOf((byte)'\\') >= 0)
        {
            return lookup.TryGetValue(JsonStrings.ToString(rawName), out var escaped) ? escaped : -1;
        }

        if (utf8.Length <= LinearLimit)
        {
            for (var i = 0; i < utf8.Length; i++)
            {
                if (rawName.SequenceEqual(utf8[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        var chars = rawName.Length <= StackLimit ? stackalloc char[StackLimit] : new char[rawName.Length];
        var length = Encoding.UTF8.GetChars(rawName, chars);
        return spanLookup.TryGetValue(chars[..length], out var index) ? index : -1;
    }
}
