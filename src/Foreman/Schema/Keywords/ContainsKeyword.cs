using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary><c>contains</c> with <c>minContains</c>/<c>maxContains</c> (2020-12; draft 7 is "at least one"). Non-matching items are not errors.</summary>
internal sealed class ContainsKeyword : KeywordValidator
{
    private readonly SchemaNode schema;
    private readonly long minimum;
    private readonly long? maximum;

    public ContainsKeyword(SchemaNode schema, long minimum, long? maximum)
    {
        this.schema = schema;
        this.minimum = minimum;
        this.maximum = maximum;
    }

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        long matches = 0;
        var index = 0;
        var errors = context.SwapErrors(null);
        try
        {
            foreach (var item in instance.EnumerateArray())
            {
                if (schema.Evaluate(item, context, null))
                {
                    matches++;
                    tracker?.MarkItem(index);

                    // Without annotations to record or a maximum to enforce, the answer is known once the minimum is met.
                    if (tracker is null && maximum is null && matches >= minimum)
                    {
                        return true;
                    }
                }

                index++;
            }
        }
        finally
        {
            context.SwapErrors(errors);
        }

        if (matches < minimum)
        {
            return context.Fail(minimum == 1 ? "contains" : "minContains", $"must contain at least {minimum} matching item(s), found {matches}");
        }

        if (matches > maximum)
        {
            return context.Fail("maxContains", $"must contain at most {maximum} matching item(s), found {matches}");
        }

        return true;
    }
}
