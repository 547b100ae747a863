using System.Text.Json;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Json;

namespace Foreman.Schema.Keywords;

/// <summary><c>unevaluatedProperties</c>: applies to properties no adjacent or in-place keyword evaluated successfully.</summary>
internal sealed class UnevaluatedPropertiesKeyword : KeywordValidator
{
    private readonly SchemaNode schema;

    public UnevaluatedPropertiesKeyword(SchemaNode schema) => this.schema = schema;

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object || tracker is null)
        {
            return true;
        }

        var valid = true;
        var index = -1;
        foreach (var property in instance.EnumerateObject())
        {
            index++;
            if (tracker.IsPropertyEvaluated(index))
            {
                continue;
            }

            bool propertyValid;
            if (schema.IsFalse)
            {
                propertyValid = context.Fail("unevaluatedProperties", $"property '{JsonStrings.GetName(property)}' is not allowed");
            }
            else if (context.Collecting)
            {
                context.PushProperty(JsonStrings.GetName(property));
                propertyValid = schema.Evaluate(property.Value, context, null);
                context.Pop();
            }
            else
            {
                propertyValid = schema.Evaluate(property.Value, context, null);
            }

            tracker.MarkProperty(index);
            if (!propertyValid)
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
