using System.Text.Json;

namespace Foreman.Server.Reviews;

/// <summary>The body of approve, reject and modify.</summary>
/// <param name="Reason">Why (required to reject).</param>
/// <param name="Action">The edited arguments (modify only); they must satisfy the action's schema.</param>
internal sealed record DecisionRequest(string? Reason, JsonElement? Action);
