using System.Text.Json;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Json;

namespace Foreman.Schema.Keywords;

/// <summary><c>format</c> as an assertion (only compiled when <see cref="JsonSchemaOptions.AssertFormat"/> is on and the format is known).</summary>
internal sealed class FormatKeyword : KeywordValidator
{
    private readonly string format;
    private readonly Func<string, bool> check;

    public FormatKeyword(string format, Func<string, bool> check)
    {
        this.format = format;
        this.check = check;
    }

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker) =>
        check(JsonStrings.GetString(instance)) || context.Fail("format", $"string is not a valid {format}");
}
