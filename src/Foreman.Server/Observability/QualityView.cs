using Foreman.Quality;

namespace Foreman.Server.Observability;

/// <summary>What <c>GET /api/quality</c> returns: per agent and task type the estimates with their confidence intervals and level, calibration, and agent states.</summary>
/// <param name="WindowHours">The window the statuses cover, in hours.</param>
/// <param name="ConfidenceLevel">The confidence level of every interval.</param>
/// <param name="MinimumSamples">The verified samples a window needs before it gets a level.</param>
/// <param name="Statuses">The statuses, by agent then task type.</param>
/// <param name="Calibration">Calibration per agent over the window.</param>
/// <param name="Agents">Agents whose state was ever changed (disabled, re-enabled).</param>
internal sealed record QualityView(double WindowHours, double ConfidenceLevel, int MinimumSamples, IReadOnlyList<QualityStatus> Statuses, IReadOnlyList<CalibrationReport> Calibration, IReadOnlyList<AgentQualityState> Agents);
