using System.Text.Json;
using Foreman.Workflows;

namespace Foreman.Patterns.Chains;

/// <summary>
/// Decides what a chain step passes forward: a projection of fields, a summary, or anything smaller than
/// everything. Runs inside the workflow; a compressor that calls a model must do so through the context.
/// </summary>
public interface IContextCompressor
{
    /// <summary>Computes the context the next step receives.</summary>
    /// <param name="context">The durable context, scoped to this compression.</param>
    /// <param name="carried">The context this step received.</param>
    /// <param name="output">This step's output.</param>
    /// <returns>The context for the next step.</returns>
    Task<JsonElement> CompressAsync(WorkflowContext context, JsonElement carried, JsonElement output);
}
