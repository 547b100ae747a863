using Foreman.Reviews;
using Foreman.Server.Http;
using Foreman.Server.RateLimiting;
using Foreman.Workflows.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Foreman.Server.Metrics;

/// <summary>
/// Takes a <see cref="MetricsSnapshot"/> every interval, keeps the recent ones for the charts (the last
/// <see cref="HistoryCapacity"/>) and hands each new one to the server-sent-event streams. One sampler serves every
/// dashboard, so the store is read once per interval however many are open.
/// </summary>
internal sealed partial class MetricsSampler(
    IWorkflowStore store,
    IReviewStore reviews,
    RequestLog requests,
    ForemanMeterListener meter,
    RateLimitLedger rateLimits,
    TimeProvider time,
    TimeSpan interval,
    ILogger<MetricsSampler> logger) : BackgroundService
{
    public const int HistoryCapacity = 900;

    private readonly Lock _gate = new();
    private readonly Queue<MetricsSnapshot> _history = new();
    private TaskCompletionSource<MetricsSnapshot> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MetricsSnapshot? _latest;

    public TimeSpan Interval => interval;

    public IReadOnlyList<MetricsSnapshot> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>The latest snapshot, taking one now if none was taken yet.</summary>
    public async Task<MetricsSnapshot> LatestAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_latest is not null)
            {
                return _latest;
            }
        }

        return await SampleAsync(cancellationToken);
    }

    /// <summary>Waits for the next snapshot.</summary>
    public Task<MetricsSnapshot> NextAsync(CancellationToken cancellationToken)
    {
        Task<MetricsSnapshot> next;
        lock (_gate)
        {
            next = _next.Task;
        }

        return next.WaitAsync(cancellationToken);
    }

    /// <summary>Takes a snapshot now and publishes it.</summary>
    public async Task<MetricsSnapshot> SampleAsync(CancellationToken cancellationToken)
    {
        var counts = await store.CountByStatusAsync(cancellationToken);
        var items = await reviews.ListAsync(new ReviewQuery(), cancellationToken);
        var (perMinute, p50, p95, p99, requestSuccess) = requests.Summarize();
        long Count(RunStatus status) => counts.GetValueOrDefault(status);
        var finished = Count(RunStatus.Completed) + Count(RunStatus.Failed) + Count(RunStatus.DeadLettered);
        var total = counts.Values.Sum();
        var snapshot = new MetricsSnapshot
        {
            At = time.GetUtcNow(),
            RequestsPerMinute = perMinute,
            LatencyP50Ms = Math.Round(p50, 3),
            LatencyP95Ms = Math.Round(p95, 3),
            LatencyP99Ms = Math.Round(p99, 3),
            RequestSuccessRate = requestSuccess,
            SuccessRate = finished == 0 ? null : (double)Count(RunStatus.Completed) / finished,
            EscalationRate = total == 0 ? null : (double)items.Count / total,
            CumulativeCost = meter.Cost,
            Tokens = meter.Tokens,
            ModelCalls = meter.ModelCalls,
            LoopDetections = meter.LoopDetections,
            GuardrailRejections = meter.GuardrailRejections,
            RateLimitedRequests = rateLimits.Total,
            Runs = Enum.GetValues<RunStatus>().ToDictionary(s => ApiJson.Name(s), Count, StringComparer.Ordinal),
            PendingReviews = items.Count(i => i.Status == ReviewStatus.Pending),
        };
        Publish(snapshot);
        return snapshot;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(stoppingToken);
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A locked database or a transient failure costs one point on the chart, not the sampler.
                LogSampleFailed(logger, ex);
                await timer.WaitForNextTickAsync(stoppingToken);
            }
        }
    }

    private void Publish(MetricsSnapshot snapshot)
    {
        TaskCompletionSource<MetricsSnapshot> completed;
        lock (_gate)
        {
            _latest = snapshot;
            _history.Enqueue(snapshot);
            while (_history.Count > HistoryCapacity)
            {
                _history.Dequeue();
            }

            completed = _next;
            _next = new TaskCompletionSource<MetricsSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        completed.TrySetResult(snapshot);
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "Taking a metrics snapshot failed")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
