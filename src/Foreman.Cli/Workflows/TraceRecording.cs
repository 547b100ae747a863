using Foreman.Sqlite;
using Foreman.Tracing;

namespace Foreman.Cli.Workflows;

/// <summary>The worker's trace recorder: spans to the SQLite trace store of the workflow database, flushed on stop.</summary>
internal sealed class TraceRecording : IAsyncDisposable
{
    private readonly TraceRecorder? _recorder;

    private TraceRecording(TraceRecorder? recorder) => _recorder = recorder;

    public static async Task<TraceRecording> StartAsync(string path, bool enabled, CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return new TraceRecording(null);
        }

        var store = new SqliteTraceStore(new SqliteTraceStoreOptions { DatabasePath = path });
        await store.InitializeAsync(cancellationToken);
        return new TraceRecording(new TraceRecorder(new TraceRecorderOptions { Store = store }));
    }

    public async ValueTask DisposeAsync()
    {
        if (_recorder is not null)
        {
            await _recorder.DisposeAsync();
        }
    }
}
