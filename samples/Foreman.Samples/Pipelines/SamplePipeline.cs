using System.Text.Json;

namespace Foreman.Samples.Pipelines;

/// <summary>A sample pipeline as the demo runs it: its workflow, its dataset generator and how its output is scored.</summary>
/// <param name="Name">The workflow name runs are submitted under.</param>
/// <param name="Title">A human title.</param>
/// <param name="Description">What it shows.</param>
/// <param name="DefaultCount">The demo's default dataset size.</param>
/// <param name="Generate">Generates the dataset (count, seed).</param>
/// <param name="Score">Scores one item's workflow output (JSON text) against its truth.</param>
public sealed record SamplePipeline(
    string Name,
    string Title,
    string Description,
    int DefaultCount,
    Func<int, int, IReadOnlyList<PipelineItem>> Generate,
    Func<PipelineItem, string, PipelineScore> Score)
{
    internal static T Read<T>(string output) =>
        JsonSerializer.Deserialize<T>(output, Foreman.Workflows.WorkflowJson.DefaultOptions) ?? throw new JsonException("The workflow output is empty.");
}
