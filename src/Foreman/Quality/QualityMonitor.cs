using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Foreman.Tracing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Foreman.Quality;

/// <summary>
/// Measures agents against ground truth. A stable share of outputs per agent and task type is sampled; each
/// sample is verified by a labelled dataset or by a human through the review queue; verified samples give
/// accuracy, field-level precision and recall per task type over a sliding window, each with a confidence
/// interval; a level against the use case's thresholds judged on the accuracy interval with hysteresis (see
/// <see cref="QualityStatus.Level"/>); and calibration by confidence bucket. At <see cref="QualityLevel.Critical"/> the agent is
/// disabled and <see cref="RunAgentAsync"/> routes its work to manual review. Thread-safe.
/// </summary>
public sealed partial class QualityMonitor
{
    /// <summary>Who automatic state changes are attributed to.</summary>
    public const string MonitorName = "quality-monitor";

    private readonly IQualityStore _store;
    private readonly QualityOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a monitor.</summary>
    /// <param name="store">The quality store.</param>
    /// <param name="options">Options; copied.</param>
    public QualityMonitor(IQualityStore store, QualityOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        var o = options ?? new QualityOptions();
        if (o.SampleRate is <= 0 or > 1 || o.UseCases.Values.Any(u => u.SampleRate is <= 0 or > 1))
        {
            throw new ArgumentException("Sample rates must be in (0, 1].", nameof(options));
        }

        o.Thresholds.Validate();
        foreach (var useCase in o.UseCases.Values)
        {
            useCase.Thresholds?.Validate();
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(o.MinimumSamples, 1, nameof(options));
        if (o.ConfidenceLevel is not (>= 0.5 and < 1))
        {
            throw new ArgumentException($"The confidence level must be at least 0.5 and below 1 (0.95 is usual); got {o.ConfidenceLevel}.", nameof(options));
        }

        _options = Copy(o);
        _time = _options.TimeProvider;
        _logger = (o.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Foreman.Quality");
    }

    /// <summary>Gets the quality store.</summary>
    public IQualityStore Store => _store;

    /// <summary>Gets the window accuracy is measured over.</summary>
    public TimeSpan Window => _options.Window;

    /// <summary>Gets the confidence level of the quality intervals.</summary>
    public double ConfidenceLevel => _options.ConfidenceLevel;

    /// <summary>Gets the minimum verified samples a window needs for a verdict.</summary>
    public int MinimumSamples => _options.MinimumSamples;

    /// <summary>Gets the thresholds of a task type.</summary>
    /// <param name="taskType">The task type.</param>
    /// <returns>Its thresholds, or the defaults.</returns>
    public QualityThresholds ThresholdsFor(string taskType) =>
        _options.UseCases.TryGetValue(taskType, out var u) && u.Thresholds is { } t ? t : _options.Thresholds;

    /// <summary>Gets the sample rate of a task type.</summary>
    /// <param name="taskType">The task type.</param>
    /// <returns>The share of outputs sampled.</returns>
    public double SampleRateFor(string taskType) =>
        _options.UseCases.TryGetValue(taskType, out var u) && u.SampleRate is { } r ? r : _options.SampleRate;

    /// <summary>Gets what one undetected error costs for a task type.</summary>
    /// <param name="taskType">The task type.</param>
    /// <returns>The cost.</returns>
    public decimal CostPerErrorFor(string taskType) =>
        _options.UseCases.TryGetValue(taskType, out var u) && u.CostPerError is { } c ? c : _options.CostPerError;

    /// <summary>Gets the currency of costs.</summary>
    public string Currency => _options.Currency;

    /// <summary>
    /// Decides whether an output is sampled: a hash of the input key (or the run), agent and task type against the
    /// rate, so the same output is always decided the same way (replays, retries, a resubmitted document) and the
    /// share holds per agent and task type.
    /// </summary>
    /// <param name="runId">The input key, or the run when the input has none.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="taskType">The task type.</param>
    /// <returns>Whether it is sampled.</returns>
    public bool IsSampled(string runId, string agent, string taskType)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{runId}|{agent}|{taskType}"));
        var unit = BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue;
        return unit < SampleRateFor(taskType);
    }

    /// <summary>
    /// Offers an output for sampling. A sampled output is stored, then verified at once against the labelled
    /// dataset when it knows the input, else sent to the review queue for a human.
    /// </summary>
    /// <param name="observation">The output.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sample, or <see langword="null"/> when the output was not sampled.</returns>
    public async Task<QualitySample?> ObserveAsync(QualityObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (!IsSampled(observation.InputKey ?? observation.RunId, observation.Agent, observation.TaskType))
        {
            return null;
        }

        var sampleId = $"qs_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{observation.RunId}|{observation.Agent}|{observation.TaskType}")).AsSpan(0, 12))}";
        var sample = new QualitySample
        {
            SampleId = sampleId,
            RunId = observation.RunId,
            Pipeline = observation.Pipeline,
            Agent = observation.Agent,
            TaskType = observation.TaskType,
            Output = observation.Output,
            Confidence = observation.Confidence,
            SampledAt = _time.GetUtcNow(),
        };
        var existing = await _store.GetSampleAsync(sampleId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        if (_options.GroundTruth is { } dataset && await dataset.GetExpectedAsync(observation, cancellationToken) is { } expected)
        {
            await _store.AddSampleAsync(sample, cancellationToken);
            await RecordVerdictAsync(sampleId, new QualityVerdict { Expected = expected, VerifiedBy = "dataset" }, cancellationToken);
        }
        else if (_options.Reviews is not null)
        {
            // The review item first, idempotent by id: a crash between the two writes leaves no sample without its item.
            var itemId = await RequestReviewAsync(sample, observation, cancellationToken);
            await _store.AddSampleAsync(sample with { ReviewItemId = itemId }, cancellationToken);
        }
        else
        {
            await _store.AddSampleAsync(sample, cancellationToken);
        }

        return await _store.GetSampleAsync(sampleId, cancellationToken);
    }

    /// <summary>Records the ground truth of a sample, then re-evaluates its agent and task type.</summary>
    /// <param name="sampleId">The sample.</param>
    /// <param name="verdict">The verdict.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent's status on the task type after the verdict, or <see langword="null"/> when the sample does not exist.</returns>
    public async Task<QualityStatus?> RecordVerdictAsync(string sampleId, QualityVerdict verdict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var sample = await _store.GetSampleAsync(sampleId, cancellationToken);
        if (sample is null)
        {
            return null;
        }

        if (sample.Status == QualitySampleStatus.Pending)
        {
            var verified = Verify(sample, verdict);
            var applied = await _store.VerifyAsync(verified, cancellationToken);
            if (applied is { Applied: true })
            {
                Telemetry.ForemanMetrics.QualitySamples.Add(1, new(Telemetry.GenAIAttributes.AgentName, sample.Agent), new("foreman.task_type", sample.TaskType), new("foreman.verdict", verified.Correct == true ? "correct" : "wrong"));
                if (_options.Traces is { } traces)
                {
                    await traces.SetCorrectAsync(sample.RunId, verified.Correct == true, cancellationToken);
                }
            }
        }

        return await EvaluateAndActAsync(sample.Agent, sample.TaskType, cancellationToken);
    }

    /// <summary>Measures an agent on a task type over the window ending now.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="taskType">The task type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status.</returns>
    public Task<QualityStatus> EvaluateAsync(string agent, string taskType, CancellationToken cancellationToken)
    {
        // The window ends just after now: an output sampled this instant counts.
        var now = _time.GetUtcNow().AddTicks(10);
        return MeasureAsync(agent, taskType, now - _options.Window, now, cancellationToken);
    }

    /// <summary>Measures an agent on a task type over any window.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="taskType">The task type.</param>
    /// <param name="from">The start (sampled at or after).</param>
    /// <param name="to">The end (sampled before).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status.</returns>
    public async Task<QualityStatus> MeasureAsync(string agent, string taskType, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // One window more than measured: the level's hysteresis replays it (see QualityLevelTracker).
        var samples = await _store.ListSamplesAsync(new QualitySampleQuery(agent, taskType, Status: QualitySampleStatus.Verified, Since: QualityLevelTracker.Back(from, to - from), Until: to), cancellationToken);
        return Measure(agent, taskType, from, to, samples);
    }

    /// <summary>Measures every agent and task type that has samples in the window ending now.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The statuses, by agent then task type.</returns>
    public async Task<IReadOnlyList<QualityStatus>> GetStatusesAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().AddTicks(10);
        var from = now - _options.Window;
        var samples = await _store.ListSamplesAsync(new QualitySampleQuery(Status: QualitySampleStatus.Verified, Since: from - _options.Window, Until: now), cancellationToken);
        return samples
            .GroupBy(s => (s.Agent, s.TaskType))
            .Where(g => g.Any(s => s.SampledAt >= from))
            .OrderBy(g => g.Key.Agent, StringComparer.Ordinal).ThenBy(g => g.Key.TaskType, StringComparer.Ordinal)
            .Select(g => Measure(g.Key.Agent, g.Key.TaskType, from, now, g.ToList()))
            .ToList();
    }

    /// <summary>Compares reported confidence with actual accuracy, by bucket, for an agent's verified samples since a moment.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="since">The start of the period.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The calibration report.</returns>
    public async Task<CalibrationReport> CalibrationAsync(string agent, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var samples = await _store.ListSamplesAsync(new QualitySampleQuery(agent, Status: QualitySampleStatus.Verified, Since: since), cancellationToken);
        return Calibration.Build(agent, samples, _options.CalibrationBoundaries, _options.OverconfidenceMargin, _options.MinimumBucketSamples);
    }

    /// <summary>Whether an agent is disabled (its work goes to manual review).</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when disabled.</returns>
    public async Task<bool> IsDisabledAsync(string agent, CancellationToken cancellationToken) =>
        (await _store.GetAgentStateAsync(agent, cancellationToken))?.Disabled == true;

    /// <summary>Disables or re-enables an agent by hand (for example after fixing its prompt).</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="disabled">Whether to disable.</param>
    /// <param name="by">Who.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new state.</returns>
    public async Task<AgentQualityState> SetDisabledAsync(string agent, bool disabled, string by, string reason, CancellationToken cancellationToken)
    {
        var state = new AgentQualityState(agent, disabled, reason, _time.GetUtcNow(), by);
        await _store.SetAgentStateAsync(state, cancellationToken);
        return state;
    }

    private async Task<QualityStatus> EvaluateAndActAsync(string agent, string taskType, CancellationToken cancellationToken)
    {
        var status = await EvaluateAsync(agent, taskType, cancellationToken);
        if (status.Level == QualityLevel.Critical && _options.DisableAtCritical && !await IsDisabledAsync(agent, cancellationToken))
        {
            var interval = status.AccuracyInterval!;
            var reason = string.Create(CultureInfo.InvariantCulture, $"accuracy on {taskType} fell to {status.Accuracy:P1} over {status.Samples} verified samples ({interval.Lower:P1}–{interval.Upper:P1} at {interval.Confidence:P0} confidence), clearly below the critical threshold of {status.Thresholds.Critical:P0}");
            await SetDisabledAsync(agent, disabled: true, MonitorName, reason, cancellationToken);
            TracingLog.AgentDisabled(_logger, agent, reason);
            Telemetry.ForemanMetrics.AgentsDisabled.Add(1, new KeyValuePair<string, object?>(Telemetry.GenAIAttributes.AgentName, agent));
        }

        return status;
    }

    // samples: verified samples of one agent and task type from one window before `from` (the level's memory) to `to`.
    private QualityStatus Measure(string agent, string taskType, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<QualitySample> samples)
    {
        var thresholds = ThresholdsFor(taskType);
        var confidence = _options.ConfidenceLevel;
        var inWindow = samples.Where(s => s.SampledAt >= from && s.SampledAt < to).ToList();
        var correct = inWindow.Count(s => s.Correct == true);
        int tp = inWindow.Sum(s => s.TruePositives), fp = inWindow.Sum(s => s.FalsePositives), fn = inWindow.Sum(s => s.FalseNegatives);
        var judgement = QualityLevelTracker.Judge(samples, to, to - from, thresholds, confidence, _options.MinimumSamples);
        return new QualityStatus
        {
            Agent = agent,
            TaskType = taskType,
            From = from,
            To = to,
            Samples = inWindow.Count,
            CorrectSamples = correct,
            Accuracy = inWindow.Count == 0 ? null : (double)correct / inWindow.Count,
            Precision = tp + fp == 0 ? null : (double)tp / (tp + fp),
            Recall = tp + fn == 0 ? null : (double)tp / (tp + fn),
            AccuracyInterval = ProportionInterval.WilsonOrNull(correct, inWindow.Count, confidence),
            PrecisionInterval = ProportionInterval.WilsonOrNull(tp, tp + fp, confidence),
            RecallInterval = ProportionInterval.WilsonOrNull(tp, tp + fn, confidence),
            ConfidenceLevel = confidence,
            MinimumSamples = _options.MinimumSamples,
            Level = judgement.Level,
            Conclusive = judgement.Conclusive,
            Reason = judgement.Reason,
            Thresholds = thresholds,
        };
    }

    private QualitySample Verify(QualitySample sample, QualityVerdict verdict)
    {
        int tp, fp, fn;
        if (verdict.Expected is { } expected)
        {
            (tp, fp, fn) = OutputComparison.Compare(sample.Output, expected, _options.IgnoredFields);
        }
        else
        {
            var fields = OutputComparison.Fields(sample.Output, _options.IgnoredFields);
            (tp, fp, fn) = verdict.Correct == true ? (fields, 0, 0) : (0, fields, fields);
        }

        return sample with
        {
            Status = QualitySampleStatus.Verified,
            Correct = fp == 0 && fn == 0,
            Expected = verdict.Expected ?? (verdict.Correct == true ? sample.Output : null),
            TruePositives = tp,
            FalsePositives = fp,
            FalseNegatives = fn,
            VerifiedBy = verdict.VerifiedBy,
            VerifiedAt = _time.GetUtcNow(),
        };
    }

    private static QualityOptions Copy(QualityOptions o)
    {
        var copy = new QualityOptions
        {
            SampleRate = o.SampleRate,
            Thresholds = o.Thresholds,
            Window = o.Window,
            MinimumSamples = o.MinimumSamples,
            ConfidenceLevel = o.ConfidenceLevel,
            DisableAtCritical = o.DisableAtCritical,
            CostPerError = o.CostPerError,
            GroundTruth = o.GroundTruth,
            Reviews = o.Reviews,
            ReviewQueue = o.ReviewQueue,
            ReviewCostPerSample = o.ReviewCostPerSample,
            ManualQueue = o.ManualQueue,
            ManualSla = o.ManualSla,
            Currency = o.Currency,
            Traces = o.Traces,
            OverconfidenceMargin = o.OverconfidenceMargin,
            MinimumBucketSamples = o.MinimumBucketSamples,
            IgnoredFields = new HashSet<string>(o.IgnoredFields, StringComparer.Ordinal),
            TimeProvider = o.TimeProvider ?? TimeProvider.System,
        };
        foreach (var (name, useCase) in o.UseCases)
        {
            copy.UseCases[name] = new QualityUseCase { SampleRate = useCase.SampleRate, Thresholds = useCase.Thresholds, CostPerError = useCase.CostPerError };
        }

        copy.CalibrationBoundaries.Clear();
        foreach (var boundary in o.CalibrationBoundaries.Order())
        {
            copy.CalibrationBoundaries.Add(boundary);
        }

        return copy;
    }
}
