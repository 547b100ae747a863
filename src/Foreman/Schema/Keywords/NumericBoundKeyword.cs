using System.Text.Json;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Json;

namespace Foreman.Schema.Keywords;

/// <summary><c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>, compared exactly on the decimal text.</summary>
internal sealed class NumericBoundKeyword : KeywordValidator
{
    private readonly NumericBound bound;
    private readonly SchemaNumber limit;

    public NumericBoundKeyword(NumericBound bound, SchemaNumber limit)
    {
        this.bound = bound;
        this.limit = limit;
    }

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var comparison = JsonNumbers.Compare(instance, limit);
        var valid = bound switch
        {
            NumericBound.Minimum => comparison >= 0,
            NumericBound.Maximum => comparison <= 0,
            NumericBound.ExclusiveMinimum => comparison > 0,
            _ => comparison < 0,
        };

        if (valid)
        {
            return true;
        }

        var (keyword, requirement) = bound switch
        {
            NumericBound.Minimum => ("minimum", "greater than or equal to"),
            NumericBound.Maximum => ("maximum", "less than or equal to"),
            NumericBound.ExclusiveMinimum => ("exclusiveMinimum", "greater than"),
            _ => ("exclusiveMaximum", "less than"),
        };
        return context.Fail(keyword, $"{instance.GetRawText()} must be {requirement} {limit.Text}");
    }
}
