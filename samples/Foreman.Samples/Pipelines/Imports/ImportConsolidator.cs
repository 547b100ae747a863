using System.Text.Json;
using Foreman.Patterns;
using Foreman.Patterns.Routing;
using Foreman.Patterns.Supervision;
using Foreman.Patterns.Workers;

namespace Foreman.Samples.Pipelines.Imports;

/// <summary>
/// Builds a document type's contract object from its sub-supervisor's specialists: the text fields from the
/// single extractor, the amount from the consensus. The result is checked against the type's schema at the
/// boundary to the top level.
/// </summary>
/// <param name="type">The document type.</param>
internal sealed class ImportConsolidator(ImportDocumentType type) : IConsolidator
{
    public Consolidation Consolidate(WorkTask task, RouteDecision decision, IReadOnlyDictionary<string, WorkResult> results)
    {
        var text = results.TryGetValue("text", out var t) && t.Output is { ValueKind: JsonValueKind.Object } o ? o : (JsonElement?)null;
        var amount = AmountConsensus.Read(results.GetValueOrDefault("amount"));
        var output = JsonSerializer.SerializeToElement(new ImportFields(
            type.Type,
            text?.GetProperty("supplier").GetString(),
            text?.GetProperty("goods_description").GetString(),
            amount?.Total,
            type.AmountUnit,
            amount?.Agreement,
            amount?.Readings ?? [],
            amount?.Costs ?? []), PatternJson.Options);
        return new Consolidation(output, [], false);
    }
}
