using System.Text;
using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary><c>dependentSchemas</c> (and the schema form of draft 7 <c>dependencies</c>): when a property is present, the whole object must match a schema.</summary>
internal sealed class DependentSchemasKeyword : KeywordValidator
{
    private readonly (byte[] Utf8, SchemaNode Schema)[] rules;

    public DependentSchemasKeyword(IEnumerable<(string Name, SchemaNode Schema)> rules) =>
        this.rules = rules.Select(r => (Encoding.UTF8.GetBytes(r.Name), r.Schema)).ToArray();

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var valid = true;
        foreach (var (utf8, schema) in rules)
        {
            if (instance.TryGetProperty(utf8, out _) && !schema.Evaluate(instance, context, tracker))
            {
                valid = false;
                if (context.StopEarly)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}
