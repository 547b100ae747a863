namespace Foreman.Quality;

/// <summary>An agent's reported confidence against its actual accuracy, by confidence bucket.</summary>
/// <param name="Agent">The agent.</param>
/// <param name="Buckets">The buckets, lowest first (empty buckets left out).</param>
/// <param name="ExpectedCalibrationError">The sample-weighted mean gap between confidence and accuracy.</param>
/// <param name="OverConfident">Whether a bucket at confidence 0.7 or above is over-confident: high confidence not matched by accuracy.</param>
public sealed record CalibrationReport(string Agent, IReadOnlyList<CalibrationBucket> Buckets, double ExpectedCalibrationError, bool OverConfident);
