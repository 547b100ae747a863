using System.Text.Json;

namespace Foreman.Patterns.Routing;

/// <summary>One rule of a <see cref="RuleRouter"/>: when the predicate holds for the task's input, take the route.</summary>
/// <param name="Route">The route.</param>
/// <param name="When">The predicate over the task's input.</param>
/// <param name="Description">The rule in words, recorded as the reason.</param>
public sealed record RouteRule(string Route, Func<JsonElement, bool> When, string Description);
