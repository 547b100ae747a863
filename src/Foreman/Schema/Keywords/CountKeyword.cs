using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary><c>minItems</c>/<c>maxItems</c> and <c>minProperties</c>/<c>maxProperties</c>: bounds on how many members a container has.</summary>
internal sealed class CountKeyword : KeywordValidator
{
    private readonly bool properties;
    private readonly long? minimum;
    private readonly long? maximum;

    public CountKeyword(bool properties, long? minimum, long? maximum)
    {
        this.properties = properties;
        this.minimum = minimum;
        this.maximum = maximum;
    }

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var count = properties ? instance.GetPropertyCount() : instance.GetArrayLength();
        var noun = properties ? "properties" : "items";
        var valid = true;
        if (count < minimum)
        {
            valid = context.Fail(properties ? "minProperties" : "minItems", $"has {count} {noun}, at least {minimum} required");
        }

        if (count > maximum)
        {
            valid = context.Fail(properties ? "maxProperties" : "maxItems", $"has {count} {noun}, at most {maximum} allowed");
        }

        return valid;
    }
}
