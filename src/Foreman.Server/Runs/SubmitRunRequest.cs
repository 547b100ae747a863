using System.Text.Json;

namespace Foreman.Server.Runs;

/// <summary>The body of <c>POST /api/runs</c>.</summary>
/// <param name="Workflow">The registered workflow name.</param>
/// <param name="Input">The workflow's input (any JSON the workflow reads).</param>
internal sealed record SubmitRunRequest(string? Workflow, JsonElement? Input);
