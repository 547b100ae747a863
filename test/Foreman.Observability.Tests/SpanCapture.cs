using System.Collections.Concurrent;
using System.Diagnostics;
using Foreman.Telemetry;

namespace Foreman.Observability.Tests;

/// <summary>An in-process listener that keeps every finished span of the Foreman source.</summary>
internal sealed class SpanCapture : IDisposable
{
    private readonly ActivityListener _listener;

    public SpanCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ForemanTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public List<Activity> OfRun(string runId) => Spans.Where(a => a.GetBaggageItem(GenAIAttributes.RunId) == runId).ToList();

    public void Dispose() => _listener.Dispose();
}
