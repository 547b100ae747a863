namespace Foreman.Quality;

/// <summary>A labelled dataset: the expected output for inputs it knows. Implementations must be thread-safe.</summary>
public interface IGroundTruthSource
{
    /// <summary>Looks up the expected output of an observation.</summary>
    /// <param name="observation">The observation (usually keyed by <see cref="QualityObservation.InputKey"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The expected output as JSON text, or <see langword="null"/> when the dataset does not know the input.</returns>
    ValueTask<string?> GetExpectedAsync(QualityObservation observation, CancellationToken cancellationToken);
}
