namespace Foreman.Quality;

/// <summary>Durable storage of quality samples and agent states. Implementations must be thread-safe.</summary>
/// <remarks>
/// Contract: <see cref="AddSampleAsync"/> is idempotent by <see cref="QualitySample.SampleId"/>.
/// <see cref="VerifyAsync"/> is a compare-and-set from <see cref="QualitySampleStatus.Pending"/>: a sample is
/// verified once; later calls return the stored sample unchanged.
/// </remarks>
public interface IQualityStore
{
    /// <summary>Adds a sample unless one with its id exists.</summary>
    /// <param name="sample">The sample.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored sample and whether this call added it.</returns>
    Task<(QualitySample Sample, bool Created)> AddSampleAsync(QualitySample sample, CancellationToken cancellationToken);

    /// <summary>Reads a sample.</summary>
    /// <param name="sampleId">The sample.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sample, or <see langword="null"/>.</returns>
    Task<QualitySample?> GetSampleAsync(string sampleId, CancellationToken cancellationToken);

    /// <summary>Lists samples oldest first.</summary>
    /// <param name="query">Filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The samples.</returns>
    Task<IReadOnlyList<QualitySample>> ListSamplesAsync(QualitySampleQuery query, CancellationToken cancellationToken);

    /// <summary>Stores a verdict on a pending sample (compare-and-set).</summary>
    /// <param name="verified">The sample with its verdict fields set and status <see cref="QualitySampleStatus.Verified"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored sample and whether this call verified it; <see langword="null"/> when there is no such sample.</returns>
    Task<(QualitySample Sample, bool Applied)?> VerifyAsync(QualitySample verified, CancellationToken cancellationToken);

    /// <summary>Reads an agent's state.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state, or <see langword="null"/> when it never changed (enabled).</returns>
    Task<AgentQualityState?> GetAgentStateAsync(string agent, CancellationToken cancellationToken);

    /// <summary>Writes an agent's state (and keeps it in the history).</summary>
    /// <param name="state">The state.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task SetAgentStateAsync(AgentQualityState state, CancellationToken cancellationToken);

    /// <summary>Lists every agent's current state.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The states by agent name.</returns>
    Task<IReadOnlyList<AgentQualityState>> ListAgentStatesAsync(CancellationToken cancellationToken);
}
