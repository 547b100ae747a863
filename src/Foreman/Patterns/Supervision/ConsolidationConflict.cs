using System.Text.Json;

namespace Foreman.Patterns.Supervision;

/// <summary>Two or more specialists disagreed about a field; how it was resolved.</summary>
/// <param name="Field">The field.</param>
/// <param name="Values">Each specialist's value, by specialist route.</param>
/// <param name="ChosenFrom">The specialist whose value was kept, or <see langword="null"/> when none was.</param>
public sealed record ConsolidationConflict(string Field, IReadOnlyDictionary<string, JsonElement> Values, string? ChosenFrom);
