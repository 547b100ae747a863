using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Foreman.Telemetry;
using Foreman.Tracing;

namespace Foreman.Benchmarks;

/// <summary>
/// What recording traces adds to a run's hot path: one tool-call-shaped span (start, six tags, stop) with nobody
/// listening, with a listener that records and discards (the cost of the Activity itself), and with the
/// <see cref="TraceRecorder"/> (conversion to a stored span and a queue write; the store writes in the background).
/// </summary>
[MemoryDiagnoser]
public class TraceRecorderBenchmarks
{
    private ActivityListener? _listener;
    private TraceRecorder? _recorder;
    private Activity? _root;

    [GlobalSetup(Target = nameof(PlainListener))]
    public void SetupListener()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ForemanTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
        StartRoot();
    }

    [GlobalSetup(Target = nameof(Recorded))]
    public void SetupRecorder()
    {
        _recorder = new TraceRecorder(new TraceRecorderOptions { Store = new DiscardingStore(), Capacity = 1_000_000 });
        StartRoot();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _root?.Dispose();
        _listener?.Dispose();
        _recorder?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "span, nobody listening")]
    public void NoListener() => Span();

    [Benchmark(Description = "span, a listener that discards")]
    public void PlainListener() => Span();

    [Benchmark(Description = "span, recorded by TraceRecorder")]
    public void Recorded() => Span();

    private static void Span()
    {
        using var activity = ForemanTelemetry.Source.StartActivity("execute_tool check_invoice");
        if (activity is null)
        {
            return;
        }

        activity.SetTag(GenAIAttributes.OperationName, GenAIOperations.ExecuteTool);
        activity.SetTag(GenAIAttributes.ToolName, "check_invoice");
        activity.SetTag(GenAIAttributes.ToolCallId, "call_1");
        activity.SetTag(GenAIAttributes.AgentName, "bench");
        activity.SetTag(GenAIAttributes.ToolOutcome, "ok");
        activity.SetTag(GenAIAttributes.Attempts, 1);
    }

    // The run span whose baggage carries the run id, as a workflow's would.
    private void StartRoot()
    {
        _root = ForemanTelemetry.Source.StartActivity("invoke_workflow bench");
        _root?.SetBaggage(GenAIAttributes.RunId, "run_bench");
    }

    private sealed class DiscardingStore : ITraceStore
    {
        public Task AppendAsync(IReadOnlyList<TraceSpan> spans, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<TraceRunSummary?> GetRunAsync(string runId, CancellationToken cancellationToken) => Task.FromResult<TraceRunSummary?>(null);

        public Task<IReadOnlyList<TraceSpan>> GetSpansAsync(string runId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<TraceSpan>>([]);

        public Task<IReadOnlyList<TraceRunSummary>> QueryRunsAsync(TraceQuery query, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<TraceRunSummary>>([]);

        public Task<IReadOnlyList<AgentTraceStats>> GetAgentStatsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AgentTraceStats>>([]);

        public Task SetCorrectAsync(string runId, bool correct, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int> PruneAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
