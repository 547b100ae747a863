using System.Text;
using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary><c>dependentRequired</c> (and the array form of draft 7 <c>dependencies</c>): when a property is present, others must be too.</summary>
internal sealed class DependentRequiredKeyword : KeywordValidator
{
    private readonly (string Name, byte[] Utf8, string[] Required, byte[][] RequiredUtf8)[] rules;
    private readonly string keyword;

    public DependentRequiredKeyword(IEnumerable<(string Name, string[] Required)> rules, string keyword)
    {
        this.rules = rules.Select(r => (r.Name, Encoding.UTF8.GetBytes(r.Name), r.Required, r.Required.Select(Encoding.UTF8.GetBytes).ToArray())).ToArray();
        this.keyword = keyword;
    }

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var valid = true;
        foreach (var rule in rules)
        {
            if (!instance.TryGetProperty(rule.Utf8, out _))
            {
                continue;
            }

            for (var i = 0; i < rule.RequiredUtf8.Length; i++)
            {
                if (!instance.TryGetProperty(rule.RequiredUtf8[i], out _))
                {
                    valid = context.Fail(keyword, $"property '{rule.Name}' requires property '{rule.Required[i]}'");
                    if (context.StopEarly)
                    {
                        return false;
                    }
                }
            }
        }

        return valid;
    }
}
