using Foreman.Tracing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Foreman.Server.Observability;

/// <summary>Records the process's <c>Foreman</c> spans into the trace store while the server runs; flushes them when it stops.</summary>
internal sealed class TraceRecorderService(ITraceStore store, TimeProvider time, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private TraceRecorder? _recorder;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _recorder = new TraceRecorder(new TraceRecorderOptions { Store = store, TimeProvider = time, LoggerFactory = loggers });
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_recorder is { } recorder)
        {
            await recorder.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Writes every span finished so far (tests and the trace endpoint use it to see a run's latest spans).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _recorder?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_recorder is { } recorder)
        {
            _recorder = null;
            await recorder.DisposeAsync();
        }
    }
}
