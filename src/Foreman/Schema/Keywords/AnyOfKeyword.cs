using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary><c>anyOf</c>: at least one subschema must match. Every branch runs when annotations are needed, since each passing branch contributes.</summary>
internal sealed class AnyOfKeyword : KeywordValidator
{
    private readonly SchemaNode[] schemas;

    public AnyOfKeyword(SchemaNode[] schemas) => this.schemas = schemas;

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var any = false;
        foreach (var schema in schemas)
        {
            var branch = tracker is null ? null : new EvaluationTracker();
            if (Applicators.EvaluateSilently(schema, instance, context, branch))
            {
                any = true;
                if (branch is null)
                {
                    return true;
                }

                tracker!.MergeFrom(branch);
            }
        }

        return any || context.Fail("anyOf", $"value does not match any of the allowed schemas ({Applicators.ExplainAll(schemas, instance, context)})");
    }
}
