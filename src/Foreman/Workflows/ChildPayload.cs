namespace Foreman.Workflows;

/// <summary>The stored payload of a child workflow entry (pinned format).</summary>
/// <param name="ChildRunId">The child's run id.</param>
/// <param name="Status">The child's final status once finished.</param>
/// <param name="Output">The child's output JSON.</param>
/// <param name="Error">The child's error JSON.</param>
internal sealed record ChildPayload(string ChildRunId, string? Status = null, string? Output = null, string? Error = null);
