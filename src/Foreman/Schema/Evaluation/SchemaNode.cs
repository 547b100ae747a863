using System.Text.Json;
using Foreman.Schema.Compilation;

namespace Foreman.Schema.Evaluation;

/// <summary>
/// A compiled schema (one JSON object or boolean). Keywords are grouped by the instance kind they apply to, so a
/// string instance never visits object keywords, and unevaluated* keywords run last because they read what the
/// others recorded. Nodes are created before their keywords are filled in, which lets $ref cycles point at them.
/// </summary>
internal sealed class SchemaNode
{
    public SchemaNode(string location, SchemaResource resource, bool? booleanValue = null)
    {
        Location = location;
        Resource = resource;
        BooleanValue = booleanValue;
    }

    /// <summary>Gets the absolute location of the schema (base URI plus JSON Pointer), for diagnostics.</summary>
    public string Location { get; }

    /// <summary>Gets the schema resource (the nearest enclosing <c>$id</c>) the node belongs to.</summary>
    public SchemaResource Resource { get; }

    /// <summary>Gets the value of a boolean schema, or <see langword="null"/> for an object schema.</summary>
    public bool? BooleanValue { get; }

    public KeywordValidator[] Leading { get; set; } = [];

    public KeywordValidator[] ObjectKeywords { get; set; } = [];

    public KeywordValidator[] ArrayKeywords { get; set; } = [];

    public KeywordValidator[] StringKeywords { get; set; } = [];

    public KeywordValidator[] NumberKeywords { get; set; } = [];

    public KeywordValidator[] Applicators { get; set; } = [];

    /// <summary>Gets or sets unevaluatedProperties / unevaluatedItems, which need every other keyword's annotations first.</summary>
    public KeywordValidator[] Trailing { get; set; } = [];

    /// <summary>Gets a value indicating whether this is the schema <c>false</c>.</summary>
    public bool IsFalse => BooleanValue == false;

    public bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        if (BooleanValue is bool value)
        {
            return value || context.Fail("false", "no value is allowed here");
        }

        var entered = context.TracksDynamicScope && context.EnterResource(Resource);
        try
        {
            // A node with unevaluated* collects its own annotations, then hands them up so an enclosing
            // unevaluated* sees what this node evaluated too.
            var local = Trailing.Length > 0 ? new EvaluationTracker() : tracker;
            var valid = Run(Leading, instance, context, local);
            if (valid || !context.StopEarly)
            {
                var typed = instance.ValueKind switch
                {
                    JsonValueKind.Object => ObjectKeywords,
                    JsonValueKind.Array => ArrayKeywords,
                    JsonValueKind.String => StringKeywords,
                    JsonValueKind.Number => NumberKeywords,
                    _ => [],
                };
                valid &= Run(typed, instance, context, local);
            }

            if (valid || !context.StopEarly)
            {
                valid &= Run(Applicators, instance, context, local);
            }

            if (valid || !context.StopEarly)
            {
                valid &= Run(Trailing, instance, context, local);
            }

            if (valid && tracker is not null && !ReferenceEquals(local, tracker))
            {
                tracker.MergeFrom(local!);
            }

            return valid;
        }
        finally
        {
            if (entered)
            {
                context.ExitResource();
            }
        }
    }

    public override string ToString() => Location;

    private static bool Run(KeywordValidator[] keywords, JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var valid = true;
        foreach (var keyword in keywords)
        {
            if (!keyword.Evaluate(instance, context, tracker))
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
