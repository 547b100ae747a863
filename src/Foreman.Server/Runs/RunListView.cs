namespace Foreman.Server.Runs;

/// <summary>A page of runs, newest first.</summary>
/// <param name="Runs">The runs.</param>
/// <param name="NextBefore">Pass as <c>before</c> for the next page, or <see langword="null"/> on the last page.</param>
internal sealed record RunListView(IReadOnlyList<RunView> Runs, string? NextBefore);
