using System.Text.Json;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Json;

namespace Foreman.Schema.Keywords;

/// <summary><c>multipleOf</c>, exact for decimal divisors such as 0.0075 (no floating-point remainder drift).</summary>
internal sealed class MultipleOfKeyword : KeywordValidator
{
    private readonly SchemaNumber divisor;

    public MultipleOfKeyword(SchemaNumber divisor) => this.divisor = divisor;

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker) =>
        JsonNumbers.IsMultipleOf(instance, divisor)
        || context.Fail("multipleOf", $"{instance.GetRawText()} is not a multiple of {divisor.Text}");
}
