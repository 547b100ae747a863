using System.Text.Json;
using System.Text.Json.Nodes;
using Foreman.Patterns.Consensus;
using Foreman.Patterns.Routing;
using Foreman.Patterns.Workers;
using Foreman.Schema;

namespace Foreman.Patterns.Supervision;

/// <summary>
/// Merges the top-level fields of the specialists' object outputs into one object. When two specialists give
/// different values for one field, the value of the more confident specialist is kept (the earlier route on a
/// tie) and the conflict is recorded; with <see cref="EscalateConflicts"/> a conflict asks a person instead. The
/// merged object must satisfy <see cref="OutputSchema"/> when one is set. An output that is not an object (a
/// number from a consensus, a string) is placed under its route's name. Thread-safe.
/// </summary>
public sealed class MergeConsolidator : IConsolidator
{
    /// <summary>Gets the schema of the merged output, or <see langword="null"/>.</summary>
    public JsonSchema? OutputSchema { get; init; }

    /// <summary>Gets a value indicating whether a conflict asks a person rather than keeping the more confident value. The default value is <see langword="false"/>.</summary>
    public bool EscalateConflicts { get; init; }

    /// <summary>Gets a value indicating whether each specialist's output is nested under its route name instead of merged field by field. The default value is <see langword="false"/>.</summary>
    public bool NestByRoute { get; init; }

    /// <inheritdoc />
    public Consolidation Consolidate(WorkTask task, RouteDecision decision, IReadOnlyDictionary<string, WorkResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var merged = new JsonObject();
        var owners = new Dictionary<string, (string Route, double Confidence, JsonElement Value)>(StringComparer.Ordinal);
        var conflicts = new List<ConsolidationConflict>();
        foreach (var (route, result) in results)
        {
            if (result.Output is not { } output)
            {
                continue;
            }

            if (NestByRoute || output.ValueKind != JsonValueKind.Object)
            {
                merged[route] = JsonNode.Parse(output.GetRawText());
                continue;
            }

            foreach (var field in output.EnumerateObject())
            {
                if (!owners.TryGetValue(field.Name, out var owner))
                {
                    owners[field.Name] = (route, result.Confidence, field.Value);
                    merged[field.Name] = JsonNode.Parse(field.Value.GetRawText());
                    continue;
                }

                if (JsonValues.Equivalent(owner.Value, field.Value))
                {
                    continue;
                }

                var keepNew = result.Confidence > owner.Confidence;
                var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { [owner.Route] = owner.Value, [route] = field.Value };
                conflicts.Add(new ConsolidationConflict(field.Name, values, EscalateConflicts ? null : keepNew ? route : owner.Route));
                if (keepNew)
                {
                    owners[field.Name] = (route, result.Confidence, field.Value);
                    merged[field.Name] = JsonNode.Parse(field.Value.GetRawText());
                }
            }
        }

        var element = JsonSerializer.SerializeToElement(merged);
        if (OutputSchema?.Validate(element) is { IsValid: false } invalid)
        {
            return new Consolidation(element, conflicts, true, $"The consolidated output breaks its schema: {invalid}");
        }

        return EscalateConflicts && conflicts.Count > 0
            ? new Consolidation(element, conflicts, true, $"The specialists disagree on {string.Join(", ", conflicts.Select(c => c.Field))}.")
            : new Consolidation(element, conflicts, false);
    }
}
