using System.Text.Json;

namespace Foreman.Schema.Evaluation;

/// <summary>
/// One compiled keyword (or a family of keywords that is cheaper to evaluate together). Instances are immutable
/// after compilation and shared by every thread that validates with the schema.
/// </summary>
internal abstract class KeywordValidator
{
    /// <summary>Evaluates the keyword; reports errors to <paramref name="context"/> when it collects them.</summary>
    /// <param name="instance">The value at the current instance location.</param>
    /// <param name="context">Per-validation state: error sink, instance path, dynamic scope.</param>
    /// <param name="tracker">Where to record evaluated properties and items for unevaluated*; <see langword="null"/> when nobody needs them.</param>
    /// <returns><see langword="true"/> when the instance satisfies the keyword.</returns>
    public abstract bool Evaluate(JsonElement instance, ValidationContext context, EvaluationTracker? tracker);
}
