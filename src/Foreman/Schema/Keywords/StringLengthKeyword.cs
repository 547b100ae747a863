using System.Text.Json;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Json;

namespace Foreman.Schema.Keywords;

/// <summary><c>minLength</c> and <c>maxLength</c>, counted in Unicode code points from the raw UTF-8 (no string is built).</summary>
internal sealed class StringLengthKeyword : KeywordValidator
{
    private readonly long? minimum;
    private readonly long? maximum;

    public StringLengthKeyword(long? minimum, long? maximum)
    {
        this.minimum = minimum;
        this.maximum = maximum;
    }

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var body = JsonStrings.RawBody(instance);

        // Every code point takes at least one byte, so a short enough body needs no counting at all.
        if (minimum is null && body.Length <= maximum)
        {
            return true;
        }

        var length = JsonStrings.CountCodePoints(body);
        var valid = true;
        if (length < minimum)
        {
            valid = context.Fail("minLength", $"string is too short ({length} characters, minimum {minimum})");
        }

        if (length > maximum)
        {
            valid = context.Fail("maxLength", $"string is too long ({length} characters, maximum {maximum})");
        }

        return valid;
    }
}
