using System.Text.Json;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary>
/// <c>$ref</c> and <c>$dynamicRef</c>. The target is filled in after the whole schema is compiled (references may point
/// forward or form cycles). A dynamic reference whose static target declares the same <c>$dynamicAnchor</c> is
/// re-targeted at run time to the outermost resource in the dynamic scope that declares it.
/// </summary>
internal sealed class RefKeyword : KeywordValidator
{
    public RefKeyword(string keyword, string reference)
    {
        Keyword = keyword;
        Reference = reference;
    }

    public string Keyword { get; }

    /// <summary>Gets the absolute URI being referenced.</summary>
    public string Reference { get; }

    public SchemaNode? Target { get; set; }

    /// <summary>Gets or sets the anchor name when this is a <c>$dynamicRef</c> that resolves dynamically.</summary>
    public string? DynamicAnchor { get; set; }

    public override bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker)
    {
        var target = Target!;
        if (DynamicAnchor is not null)
        {
            target = context.FindDynamicAnchor(DynamicAnchor) ?? target;
        }

        if (!context.EnterReference())
        {
            return context.Fail(Keyword, $"schema recursion through '{Reference}' is too deep (a reference cycle that never descends into the value)");
        }

        try
        {
            return target.Evaluate(instance, context, tracker);
        }
        finally
        {
            context.ExitReference();
        }
    }
}
