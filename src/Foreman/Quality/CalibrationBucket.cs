namespace Foreman.Quality;

/// <summary>Verified samples whose confidence fell in [<paramref name="Lower"/>, <paramref name="Upper"/>).</summary>
/// <param name="Lower">The lower bound (inclusive).</param>
/// <param name="Upper">The upper bound (exclusive; the last bucket includes 1).</param>
/// <param name="Samples">Verified samples in the bucket.</param>
/// <param name="MeanConfidence">Their mean reported confidence.</param>
/// <param name="Accuracy">Their actual accuracy.</param>
/// <param name="OverConfident">Whether accuracy falls short of confidence by more than the margin (with enough samples).</param>
public sealed record CalibrationBucket(double Lower, double Upper, int Samples, double MeanConfidence, double Accuracy, bool OverConfident);
