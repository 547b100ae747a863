using System.Text.Json;

namespace Foreman.Patterns.Supervision;

/// <summary>What a consolidator made of the specialists' results.</summary>
/// <param name="Output">The final output, or <see langword="null"/> when there is none.</param>
/// <param name="Conflicts">The conflicts seen, resolved or not.</param>
/// <param name="NeedsHuman">Whether a person must decide.</param>
/// <param name="Reason">Why a person must decide, or <see langword="null"/>.</param>
public sealed record Consolidation(JsonElement? Output, IReadOnlyList<ConsolidationConflict> Conflicts, bool NeedsHuman, string? Reason = null);
