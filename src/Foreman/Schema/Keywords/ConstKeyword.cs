using System.Text.Json;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Json;

namespace Foreman.Schema.Keywords;

/// <summary><c>const</c>: the instance must equal the value (JSON equality: 1 equals 1.0, key order is irrelevant).</summary>
internal sealed class ConstKeyword : KeywordValidator
{
    private readonly JsonElement value;

    public ConstKeyword(JsonElement value) => this.value = value;

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker) =>
        JsonEquality.AreEqual(instance, value) || context.Fail("const", $"value must be {value.GetRawText()}");
}
