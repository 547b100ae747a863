using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary>Shared helpers for keywords that evaluate subschemas silently and explain a failure afterwards.</summary>
internal static class Applicators
{
    /// <summary>Evaluates without reporting errors (a failing anyOf branch is not an error by itself).</summary>
    public static bool EvaluateSilently(SchemaNode schema, JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var errors = context.SwapErrors(null);
        try
        {
            return schema.Evaluate(instance, context, tracker);
        }
        finally
        {
            context.SwapErrors(errors);
        }
    }

    /// <summary>
    /// Re-evaluates a failed subschema to name its first problem, so "matches none of anyOf" can say why. Only runs when
    /// errors are collected, so the fast path never pays for the second evaluation.
    /// </summary>
    public static string Explain(SchemaNode schema, JsonElement instance, ValidationContext context)
    {
        if (!context.Collecting)
        {
            return string.Empty;
        }

        var collected = new List<SchemaError>(1);
        var errors = context.SwapErrors(collected);
        var maxErrors = context.MaxErrors;
        context.MaxErrors = 1;
        try
        {
            schema.Evaluate(instance, context, null);
        }
        finally
        {
            context.MaxErrors = maxErrors;
            context.SwapErrors(errors);
        }

        return collected.Count > 0 ? collected[0].ToString() : "value does not match";
    }

    public static string ExplainAll(SchemaNode[] schemas, JsonElement instance, ValidationContext context)
    {
        if (!context.Collecting)
        {
            return string.Empty;
        }

        return string.Join("; ", schemas.Select((s, i) => $"option {i + 1}: {Explain(s, instance, context)}"));
    }
}
