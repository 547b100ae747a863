using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary><c>unevaluatedItems</c>: applies to items no adjacent or in-place keyword evaluated successfully.</summary>
internal sealed class UnevaluatedItemsKeyword : KeywordValidator
{
    private readonly SchemaNode schema;

    public UnevaluatedItemsKeyword(SchemaNode schema) => this.schema = schema;

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array || tracker is null)
        {
            return true;
        }

        var valid = true;
        var index = -1;
        foreach (var item in instance.EnumerateArray())
        {
            index++;
            if (tracker.IsItemEvaluated(index))
            {
                continue;
            }

            bool itemValid;
            if (schema.IsFalse)
            {
                itemValid = context.Fail("unevaluatedItems", $"item {index} is not allowed");
            }
            else if (context.Collecting)
            {
                context.PushIndex(index);
                itemValid = schema.Evaluate(item, context, null);
                context.Pop();
            }
            else
            {
                itemValid = schema.Evaluate(item, context, null);
            }

            tracker.MarkItem(index);
            if (!itemValid)
            {
                valid = false;
                if (context.StopEarly)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}
