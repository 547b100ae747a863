namespace Foreman.Reviews;

/// <summary>Which items to list. Unset filters match everything.</summary>
/// <param name="Status">Only this status.</param>
/// <param name="Queue">Only this queue.</param>
/// <param name="RunId">Only this run.</param>
public sealed record ReviewQuery(ReviewStatus? Status = null, string? Queue = null, string? RunId = null);
