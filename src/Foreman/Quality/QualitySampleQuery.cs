namespace Foreman.Quality;

/// <summary>Filters for listing samples; every given filter must hold.</summary>
/// <param name="Agent">Only this agent.</param>
/// <param name="TaskType">Only this task type.</param>
/// <param name="Pipeline">Only this pipeline.</param>
/// <param name="Status">Only this status.</param>
/// <param name="Since">Sampled at or after.</param>
/// <param name="Until">Sampled before.</param>
public sealed record QualitySampleQuery(string? Agent = null, string? TaskType = null, string? Pipeline = null, QualitySampleStatus? Status = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null);
