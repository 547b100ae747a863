using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary>
/// Positional and remaining items: 2020-12 <c>prefixItems</c> + <c>items</c>, or draft 7 array-form <c>items</c> +
/// <c>additionalItems</c> (and draft 7 schema-form <c>items</c> as "no prefix, all rest").
/// </summary>
internal sealed class ItemsKeyword : KeywordValidator
{
    private readonly SchemaNode[] prefix;
    private readonly SchemaNode? rest;
    private readonly string restKeyword;

    public ItemsKeyword(SchemaNode[] prefix, SchemaNode? rest, string restKeyword)
    {
        this.prefix = prefix;
        this.rest = rest;
        this.restKeyword = restKeyword;
    }

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var length = instance.GetArrayLength();
        if (rest is { IsFalse: true } && length > prefix.Length)
        {
            return context.Fail(restKeyword, $"has {length} items, at most {prefix.Length} allowed");
        }

        var valid = true;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            var schema = index < prefix.Length ? prefix[index] : rest;
            if (schema is null)
            {
                break;
            }

            if (context.Collecting)
            {
                context.PushIndex(index);
            }

            var itemValid = schema.Evaluate(item, context, null);
            if (context.Collecting)
            {
                context.Pop();
            }

            if (!itemValid)
            {
                valid = false;
                if (context.StopEarly)
                {
                    return false;
                }
            }

            index++;
        }

        tracker?.MarkItems(0, rest is null ? Math.Min(length, prefix.Length) : length);
        return valid;
    }
}
