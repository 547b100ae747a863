using System.Text.Json;
using System.Text.RegularExpressions;
using Foreman.Schema.Evaluation;
using Foreman.Schema.Json;

namespace Foreman.Schema.Keywords;

/// <summary><c>pattern</c>: an unanchored ECMA-262 regex search; running out of time counts as a failure, never an exception.</summary>
internal sealed class PatternKeyword : KeywordValidator
{
    private readonly Regex regex;
    private readonly string pattern;

    public PatternKeyword(Regex regex, string pattern)
    {
        this.regex = regex;
        this.pattern = pattern;
    }

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        try
        {
            return JsonStrings.IsMatch(JsonStrings.RawBody(instance), regex)
                || context.Fail("pattern", $"string does not match pattern '{pattern}'");
        }
        catch (RegexMatchTimeoutException)
        {
            return context.Fail("pattern", $"string could not be checked against pattern '{pattern}' in time");
        }
    }
}
