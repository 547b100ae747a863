using System.Text.Json;
using System.Text.Json.Nodes;
using Foreman.Workflows;

namespace Foreman.Patterns.Chains;

/// <summary>
/// Passes forward only named fields: each is taken from the step's output, or else from the context it received.
/// Everything else is dropped, so the context stays as small as the fields it keeps. Thread-safe.
/// </summary>
/// <param name="fields">The top-level fields to keep.</param>
public sealed class Projection(params IEnumerable<string> fields) : IContextCompressor
{
    private readonly string[] _fields = fields?.ToArray() ?? throw new ArgumentNullException(nameof(fields));

    /// <summary>Gets the fields kept.</summary>
    public IReadOnlyList<string> Fields => _fields;

    /// <inheritdoc />
    public Task<JsonElement> CompressAsync(WorkflowContext context, JsonElement carried, JsonElement output)
    {
        var next = new JsonObject();
        foreach (var field in _fields)
        {
            if ((Take(output, field) ?? Take(carried, field)) is { } value)
            {
                next[field] = JsonNode.Parse(value.GetRawText());
            }
        }

        return Task.FromResult(JsonSerializer.SerializeToElement(next));
    }

    private static JsonElement? Take(JsonElement source, string field) =>
        source.ValueKind == JsonValueKind.Object && source.TryGetProperty(field, out var value) ? value : null;
}
