using Foreman.Tracing;

namespace Foreman.Cli.Workflows;

/// <summary>
/// The worker's trace recorder: spans to the trace store of the workflow database (the SQLite file's trace tables, or
/// the PostgreSQL schema's, where every worker's traces meet), flushed on stop.
/// </summary>
internal sealed class TraceRecording : IAsyncDisposable
{
    private readonly TraceRecorder? _recorder;
    private readonly ITraceStore? _store;

    private TraceRecording(TraceRecorder? recorder, ITraceStore? store)
    {
        _recorder = recorder;
        _store = store;
    }

    public static async Task<TraceRecording> StartAsync(StoreTarget target, bool enabled, CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return new TraceRecording(null, null);
        }

        var store = await ObservabilityStoreOpener.OpenTracesAsync(target, cancellationToken);
        return new TraceRecording(new TraceRecorder(new TraceRecorderOptions { Store = store }), store);
    }

    public async ValueTask DisposeAsync()
    {
        // The recorder flushes its queue into the store on dispose, so the store closes after it.
        if (_recorder is not null)
        {
            await _recorder.DisposeAsync();
        }

        await ObservabilityStoreOpener.DisposeAllAsync(_store);
    }
}
