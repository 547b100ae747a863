namespace Foreman.Server.Runs;

/// <summary>The optional body of <c>POST /api/runs/{id}/cancel</c>.</summary>
/// <param name="Reason">Why; stored as the run's error.</param>
internal sealed record CancelRunRequest(string? Reason);
