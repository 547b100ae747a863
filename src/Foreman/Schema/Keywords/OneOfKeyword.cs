using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary><c>oneOf</c>: exactly one subschema must match.</summary>
internal sealed class OneOfKeyword : KeywordValidator
{
    private readonly SchemaNode[] schemas;

    public OneOfKeyword(SchemaNode[] schemas) => this.schemas = schemas;

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var first = -1;
        EvaluationTracker? matched = null;
        for (var i = 0; i < schemas.Length; i++)
        {
            var branch = tracker is null ? null : new EvaluationTracker();
            if (!Applicators.EvaluateSilently(schemas[i], instance, context, branch))
            {
                continue;
            }

            if (first >= 0)
            {
                return context.Fail("oneOf", $"value matches more than one of the allowed schemas (options {first + 1} and {i + 1}); it must match exactly one");
            }

            first = i;
            matched = branch;
        }

        if (first < 0)
        {
            return context.Fail("oneOf", $"value does not match any of the allowed schemas ({Applicators.ExplainAll(schemas, instance, context)})");
        }

        if (matched is not null)
        {
            tracker!.MergeFrom(matched);
        }

        return true;
    }
}
