namespace Foreman.Quality;

/// <summary>Accuracy thresholds of a use case (task type): below each, the level worsens.</summary>
/// <param name="Warning">Below this, <see cref="QualityLevel.Warning"/>. Default 0.95.</param>
/// <param name="Error">Below this, <see cref="QualityLevel.Error"/>. Default 0.90.</param>
/// <param name="Critical">Below this, <see cref="QualityLevel.Critical"/>. Default 0.85.</param>
public sealed record QualityThresholds(double Warning = 0.95, double Error = 0.90, double Critical = 0.85)
{
    /// <summary>Gets the defaults: warning below 95%, error below 90%, critical below 85%.</summary>
    public static QualityThresholds Default { get; } = new();

    /// <summary>
    /// Classifies a point estimate of accuracy, ignoring how many samples it rests on. The monitor does not use
    /// it for levels: it judges the accuracy's confidence interval with hysteresis (docs/quality-verdicts.md).
    /// </summary>
    /// <param name="accuracy">The accuracy, 0 to 1.</param>
    /// <returns>The level.</returns>
    public QualityLevel Classify(double accuracy) =>
        accuracy < Critical ? QualityLevel.Critical : accuracy < Error ? QualityLevel.Error : accuracy < Warning ? QualityLevel.Warning : QualityLevel.Healthy;

    /// <summary>Checks that the thresholds are probabilities and ordered warning ≥ error ≥ critical.</summary>
    /// <exception cref="ArgumentException">They are not.</exception>
    public void Validate()
    {
        if (Warning is < 0 or > 1 || Error is < 0 or > 1 || Critical is < 0 or > 1 || Warning < Error || Error < Critical)
        {
            throw new ArgumentException($"Quality thresholds must be in [0, 1] with warning ≥ error ≥ critical; got {Warning}, {Error}, {Critical}.");
        }
    }
}
