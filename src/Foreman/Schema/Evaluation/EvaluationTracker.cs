namespace Foreman.Schema.Evaluation;

/// <summary>
/// Records which properties (by their position in the object) and which items of the instance at one location were
/// evaluated successfully, the annotations that unevaluatedProperties and unevaluatedItems depend on. Only allocated
/// when a schema uses those keywords, so ordinary validation never pays for it.
/// </summary>
internal sealed class EvaluationTracker
{
    private ulong[] properties = [];
    private ulong[] items = [];

    public void MarkProperty(int index) => Set(ref properties, index);

    public bool IsPropertyEvaluated(int index) => IsSet(properties, index);

    public void MarkItem(int index) => Set(ref items, index);

    public void MarkItems(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            Set(ref items, i);
        }
    }

    public bool IsItemEvaluated(int index) => IsSet(items, index);

    public void MergeFrom(EvaluationTracker other)
    {
        Merge(ref properties, other.properties);
        Merge(ref items, other.items);
    }

    private static void Set(ref ulong[] bits, int index)
    {
        var word = index >> 6;
        if (word >= bits.Length)
        {
            Array.Resize(ref bits, Math.Max(word + 1, bits.Length * 2));
        }

        bits[word] |= 1UL << (index & 63);
    }

    private static bool IsSet(ulong[] bits, int index)
    {
        var word = index >> 6;
        return word < bits.Length && (bits[word] & (1UL << (index & 63))) != 0;
    }

    private static void Merge(ref ulong[] target, ulong[] source)
    {
        if (source.Length > target.Length)
        {
            Array.Resize(ref target, source.Length);
        }

        for (var i = 0; i < source.Length; i++)
        {
            target[i] |= source[i];
        }
    }
}
