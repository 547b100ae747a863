using System.Collections.Concurrent;
using Foreman.Quality;

namespace Foreman.Observability.Tests;

/// <summary>A quality store in memory, for statistical simulations with thousands of samples; follows the <see cref="IQualityStore"/> contract.</summary>
internal sealed class InMemoryQualityStore : IQualityStore
{
    private readonly ConcurrentDictionary<string, QualitySample> _samples = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AgentQualityState> _states = new(StringComparer.Ordinal);

    public Task<(QualitySample Sample, bool Created)> AddSampleAsync(QualitySample sample, CancellationToken cancellationToken)
    {
        var created = _samples.TryAdd(sample.SampleId, sample);
        return Task.FromResult((_samples[sample.SampleId], created));
    }

    public Task<QualitySample?> GetSampleAsync(string sampleId, CancellationToken cancellationToken) =>
        Task.FromResult(_samples.TryGetValue(sampleId, out var sample) ? sample : null);

    public Task<IReadOnlyList<QualitySample>> ListSamplesAsync(QualitySampleQuery query, CancellationToken cancellationToken)
    {
        IReadOnlyList<QualitySample> found = _samples.Values
            .Where(s => (query.Agent is null || s.Agent == query.Agent) && (query.TaskType is null || s.TaskType == query.TaskType)
                && (query.Pipeline is null || s.Pipeline == query.Pipeline) && (query.Status is null || s.Status == query.Status)
                && (query.Since is null || s.SampledAt >= query.Since) && (query.Until is null || s.SampledAt < query.Until))
            .OrderBy(s => s.SampledAt).ThenBy(s => s.SampleId, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(found);
    }

    public Task<(QualitySample Sample, bool Applied)?> VerifyAsync(QualitySample verified, CancellationToken cancellationToken)
    {
        if (!_samples.TryGetValue(verified.SampleId, out var stored))
        {
            return Task.FromResult<(QualitySample, bool)?>(null);
        }

        var applied = stored.Status == QualitySampleStatus.Pending && _samples.TryUpdate(verified.SampleId, verified, stored);
        return Task.FromResult<(QualitySample, bool)?>((_samples[verified.SampleId], applied));
    }

    public Task<AgentQualityState?> GetAgentStateAsync(string agent, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue(agent, out var state) ? state : null);

    public Task SetAgentStateAsync(AgentQualityState state, CancellationToken cancellationToken)
    {
        _states[state.Agent] = state;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AgentQualityState>> ListAgentStatesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AgentQualityState>>(_states.Values.OrderBy(s => s.Agent, StringComparer.Ordinal).ToList());

    /// <summary>Adds a verified sample directly, as a labelled dataset's verdict would leave it.</summary>
    public void AddVerified(string agent, string taskType, DateTimeOffset at, bool correct)
    {
        var number = _samples.Count;
        _samples[$"qs_{number:D7}"] = new QualitySample
        {
            SampleId = $"qs_{number:D7}",
            RunId = $"run-{number}",
            Pipeline = "pipe",
            Agent = agent,
            TaskType = taskType,
            Output = correct ? "right" : "wrong",
            SampledAt = at,
            Status = QualitySampleStatus.Verified,
            Correct = correct,
            TruePositives = correct ? 1 : 0,
            FalsePositives = correct ? 0 : 1,
            FalseNegatives = correct ? 0 : 1,
            VerifiedBy = "dataset",
            VerifiedAt = at,
        };
    }
}
