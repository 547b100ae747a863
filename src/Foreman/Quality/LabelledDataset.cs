namespace Foreman.Quality;

/// <summary>A labelled dataset held in memory: expected outputs by input key. Thread-safe once built.</summary>
/// <param name="expected">Expected output (JSON text) by <see cref="QualityObservation.InputKey"/>.</param>
public sealed class LabelledDataset(IReadOnlyDictionary<string, string> expected) : IGroundTruthSource
{
    private readonly IReadOnlyDictionary<string, string> _expected = expected ?? throw new ArgumentNullException(nameof(expected));

    /// <inheritdoc />
    public ValueTask<string?> GetExpectedAsync(QualityObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return ValueTask.FromResult(observation.InputKey is { } key && _expected.TryGetValue(key, out var value) ? value : null);
    }
}
