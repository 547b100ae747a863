using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary><c>not</c>: the subschema must fail. It never contributes annotations, so no tracker is passed down.</summary>
internal sealed class NotKeyword : KeywordValidator
{
    private readonly SchemaNode schema;

    public NotKeyword(SchemaNode schema) => this.schema = schema;

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker) =>
        !Applicators.EvaluateSilently(schema, instance, context, null)
        || context.Fail("not", "value must not match the schema in 'not'");
}
