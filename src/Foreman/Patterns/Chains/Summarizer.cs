using System.Text.Json;
using System.Text.Json.Nodes;
using Foreman.Patterns.Workers;
using Foreman.Workflows;

namespace Foreman.Patterns.Chains;

/// <summary>
/// Passes forward a summary: a worker (usually a fast-tier agent) condenses the received context and the step's
/// output into text, which is cut to <see cref="MaxCharacters"/> whatever the worker returns, so the bound holds
/// even when the summarizer rambles. Kept fields survive verbatim next to the summary. Thread-safe.
/// </summary>
/// <param name="summarizer">The worker that writes the summary; it receives <c>{"context":…,"output":…}</c>.</param>
public sealed class Summarizer(IWorker summarizer) : IContextCompressor
{
    private readonly IWorker _summarizer = summarizer ?? throw new ArgumentNullException(nameof(summarizer));

    /// <summary>Gets the longest summary passed forward. The default value is 1,000 characters.</summary>
    public int MaxCharacters { get; init; } = 1_000;

    /// <summary>Gets fields copied verbatim (from the output, else the received context) next to the summary.</summary>
    public IReadOnlyList<string> KeepFields { get; init; } = [];

    /// <inheritdoc />
    public async Task<JsonElement> CompressAsync(WorkflowContext context, JsonElement carried, JsonElement output)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = JsonSerializer.SerializeToElement(new { context = carried, output });
        var task = new WorkTask("summary", "summarize", input);
        var result = await _summarizer.ExecuteAsync(context, task);
        var summary = result.Output switch
        {
            { ValueKind: JsonValueKind.String } text => text.GetString()!,
            { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String => s.GetString()!,
            { } other => other.GetRawText(),
            null => string.Empty,
        };
        var next = new JsonObject { ["summary"] = summary.Length > MaxCharacters ? summary[..MaxCharacters] : summary };
        var keep = await new Projection(KeepFields).CompressAsync(context, carried, output);
        foreach (var field in keep.EnumerateObject())
        {
            next[field.Name] = JsonNode.Parse(field.Value.GetRawText());
        }

        return JsonSerializer.SerializeToElement(next);
    }
}
