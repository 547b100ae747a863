using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary><c>allOf</c>: every subschema must match; their errors are reported as they are.</summary>
internal sealed class AllOfKeyword : KeywordValidator
{
    private readonly SchemaNode[] schemas;

    public AllOfKeyword(SchemaNode[] schemas) => this.schemas = schemas;

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var valid = true;
        foreach (var schema in schemas)
        {
            if (!schema.Evaluate(instance, context, tracker))
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
