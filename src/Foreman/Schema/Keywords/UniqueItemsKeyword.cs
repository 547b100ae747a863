using System.Buffers;
using System.Text.Json;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Json;

namespace Foreman.Schema.Keywords;

/// <summary>
/// <c>uniqueItems: true</c>. Small arrays compare pairwise; larger ones sort by a JSON-equality-consistent hash and only
/// compare neighbours, so a hostile 100,000-item array costs n log n rather than n² comparisons.
/// </summary>
internal sealed class UniqueItemsKeyword : KeywordValidator
{
    private const int PairwiseLimit = 16;

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var length = instance.GetArrayLength();
        if (length < 2)
        {
            return true;
        }

        if (length <= PairwiseLimit)
        {
            var i = 0;
            foreach (var item in instance.EnumerateArray())
            {
                var j = 0;
                foreach (var earlier in instance.EnumerateArray())
                {
                    if (j == i)
                    {
                        break;
                    }

                    if (JsonEquality.AreEqual(item, earlier))
                    {
                        return Duplicate(context, j, i);
                    }

                    j++;
                }

                i++;
            }

            return true;
        }

        var keys = ArrayPool<long>.Shared.Rent(length);
        var items = ArrayPool<JsonElement>.Shared.Rent(length);
        try
        {
            // Hash in the high half, index in the low half: sorting groups equal hashes and keeps the original order within them.
            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                keys[index] = ((long)JsonEquality.GetValueHashCode(item) << 32) | (uint)index;
                items[index] = item;
                index++;
            }

            var sorted = keys.AsSpan(0, length);
            sorted.Sort();
            for (var start = 0; start < length;)
            {
                var end = start + 1;
                while (end < length && (sorted[end] >> 32) == (sorted[start] >> 32))
                {
                    end++;
                }

                for (var i = start + 1; i < end; i++)
                {
                    for (var j = start; j < i; j++)
                    {
                        var a = (int)(uint)sorted[j];
                        var b = (int)(uint)sorted[i];
                        if (JsonEquality.AreEqual(items[a], items[b]))
                        {
                            return Duplicate(context, Math.Min(a, b), Math.Max(a, b));
                        }
                    }
                }

                start = end;
            }

            return true;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(keys);
            ArrayPool<JsonElement>.Shared.Return(items, clearArray: true);
        }
    }

    private static bool Duplicate(ValidationContext context, int first, int second) =>
        context.Fail("uniqueItems", $"items {first} and {second} are equal, but items must be unique");
}
