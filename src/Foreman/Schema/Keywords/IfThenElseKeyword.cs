using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary><c>if</c>/<c>then</c>/<c>else</c>: <c>if</c> only selects the branch; its failure is never an error.</summary>
internal sealed class IfThenElseKeyword : KeywordValidator
{
    private readonly SchemaNode condition;
    private readonly SchemaNode? then;
    private readonly SchemaNode? otherwise;

    public IfThenElseKeyword(SchemaNode condition, SchemaNode? then, SchemaNode? otherwise)
    {
        this.condition = condition;
        this.then = then;
        this.otherwise = otherwise;
    }

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var branch = tracker is null ? null : new EvaluationTracker();
        if (Applicators.EvaluateSilently(condition, instance, context, branch))
        {
            if (branch is not null)
            {
                tracker!.MergeFrom(branch);
            }

            return then is null || then.Evaluate(instance, context, tracker);
        }

        return otherwise is null || otherwise.Evaluate(instance, context, tracker);
    }
}
