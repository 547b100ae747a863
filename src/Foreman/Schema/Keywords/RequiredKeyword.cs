using System.Text;
using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary><c>required</c>: each listed property must be present (looked up by pre-encoded UTF-8 name, no allocation).</summary>
internal sealed class RequiredKeyword : KeywordValidator
{
    private readonly string[] names;
    private readonly byte[][] utf8;

    public RequiredKeyword(string[] names)
    {
        this.names = names;
        utf8 = names.Select(Encoding.UTF8.GetBytes).ToArray();
    }

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var valid = true;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (!instance.TryGetProperty(utf8[i], out _))
            {
                valid = context.Fail("required", $"missing required property '{names[i]}'");
                if (context.StopEarly)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}
