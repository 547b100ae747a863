using Foreman.Quality;

namespace Foreman.Server.Observability;

/// <summary>The quality monitor whose review-queue verdicts the alert timer collects, if the server has one.</summary>
/// <param name="Monitor">The monitor, or <see langword="null"/>.</param>
internal sealed record QualityVerdictSync(QualityMonitor? Monitor);
