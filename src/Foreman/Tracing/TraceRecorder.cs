using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Foreman.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Foreman.Tracing;

/// <summary>
/// Records every finished span of the configured sources into an <see cref="ITraceStore"/>, grouped by run: the
/// run id comes from the <c>foreman.run.id</c> baggage the workflow run span (or, outside a workflow, the agent
/// span) sets, so spans of any pattern (supervisor, router, consensus, your own) land in their run's trace with
/// no code of their own. Spans are queued off the hot path and written in batches by one background writer; a
/// failing or slow store loses spans (counted and logged), never fails or slows a run. Thread-safe.
/// </summary>
public sealed class TraceRecorder : IAsyncDisposable
{
    private readonly ITraceStore _store;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _sources;
    private readonly Func<Activity, bool>? _filter;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly Channel<TraceSpan> _queue;
    private readonly ActivityListener _listener;
    private readonly Task _writer;
    private readonly Lock _progressGate = new();
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _started;
    private long _enqueued;
    private long _processed;
    private long _dropped;
    private long _failed;

    /// <summary>Creates a recorder and starts listening.</summary>
    /// <param name="options">Options; copied.</param>
    public TraceRecorder(TraceRecorderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = options.Store ?? throw new ArgumentException("A trace store is required.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1, nameof(options));
        _time = options.TimeProvider ?? TimeProvider.System;
        _sources = new HashSet<string>(options.Sources, StringComparer.Ordinal);
        _filter = options.Filter;
        _maxBatch = options.MaxBatchSize;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Foreman.Tracing");
        _queue = Channel.CreateBounded<TraceSpan>(
            new BoundedChannelOptions(options.Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            OnDropped);
        _writer = Task.Run(WriteLoopAsync);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => _sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = OnStarted,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Gets how many spans were dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Gets how many spans were lost because the store failed.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Waits until every span finished before this call has been written (or lost to a store failure).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task.</returns>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _processed) < target)
        {
            Task progress;
            lock (_progressGate)
            {
                progress = _progress.Task;
            }

            if (Interlocked.Read(ref _processed) >= target)
            {
                break;
            }

            await progress.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops listening, writes what is queued and stops the writer.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        _queue.Writer.TryComplete();
        await _writer;
    }

    private const string StartKey = "foreman.trace_recorder.start";

    /// <summary>Converts a finished activity to a stored span; the run id is the baggage, else the tag, else none.</summary>
    /// <param name="activity">The activity.</param>
    /// <param name="start">When it started on the recorder's clock, and its start order.</param>
    /// <returns>The span, or <see langword="null"/> when it belongs to no run.</returns>
    private static TraceSpan? ToSpan(Activity activity, SpanStart start)
    {
        var runId = activity.GetBaggageItem(GenAIAttributes.RunId) ?? activity.GetTagItem(GenAIAttributes.RunId) as string;
        if (string.IsNullOrEmpty(runId))
        {
            return null;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in activity.TagObjects)
        {
            if (value is not null)
            {
                attributes[key] = Format(value);
            }
        }

        var duration = activity.Duration;
        var events = activity.Events.Select(e => new TraceSpanEvent(
            e.Name,
            start.At + (e.Timestamp.UtcDateTime - activity.StartTimeUtc),
            e.Tags.Where(t => t.Value is not null).ToDictionary(t => t.Key, t => Format(t.Value!), StringComparer.Ordinal))).ToList();
        return new TraceSpan
        {
            RunId = runId,
            TraceId = activity.TraceId.ToHexString(),
            SpanId = activity.SpanId.ToHexString(),
            ParentSpanId = activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
            Name = activity.DisplayName,
            Operation = attributes.GetValueOrDefault(GenAIAttributes.OperationName),
            StartedAt = start.At,
            Sequence = start.Sequence,
            Duration = duration,
            Status = activity.Status switch { ActivityStatusCode.Ok => "ok", ActivityStatusCode.Error => "error", _ => "unset" },
            StatusDescription = activity.StatusDescription,
            Attributes = attributes,
            Events = events,
        };
    }

    private static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(i => i is null ? string.Empty : Format(i))),
        _ => value.ToString() ?? string.Empty,
    };

    // Spans are stamped with the recorder's clock (so they line up with runs, reviews and samples, fake clocks
    // included) and numbered, so spans that start in the same clock tick keep their order.
    private void OnStarted(Activity activity)
    {
        activity.SetCustomProperty(StartKey, new SpanStart(_time.GetUtcNow(), Interlocked.Increment(ref _started)));
    }

    private void OnStopped(Activity activity)
    {
        if (_filter is not null && !_filter(activity))
        {
            return;
        }

        var span = ToSpan(activity, activity.GetCustomProperty(StartKey) as SpanStart ?? new SpanStart(_time.GetUtcNow() - activity.Duration, 0));
        if (span is null)
        {
            return;
        }

        Interlocked.Increment(ref _enqueued);
        _queue.Writer.TryWrite(span);
    }

    private void OnDropped(TraceSpan span)
    {
        Interlocked.Increment(ref _dropped);
        TracingLog.Dropped(_logger, span.RunId);
        Advance(1);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<TraceSpan>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            // Whatever accumulated while the last write ran goes in this one: batches grow with load, no timer needed.
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var span))
            {
                batch.Add(span);
            }

            try
            {
                await _store.AppendAsync(batch.ToArray(), CancellationToken.None);
            }
#pragma warning disable CA1031 // The trace store must never take a run down: a failed write loses spans, counted and logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Interlocked.Add(ref _failed, batch.Count);
                TracingLog.WriteFailed(_logger, batch.Count, ex);
            }

            Advance(batch.Count);
            batch.Clear();
        }
    }

    private void Advance(int count)
    {
        Interlocked.Add(ref _processed, count);
        TaskCompletionSource done;
        lock (_progressGate)
        {
            done = _progress;
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }

    private sealed record SpanStart(DateTimeOffset At, long Sequence);
}
