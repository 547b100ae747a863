using Foreman.Workflows;

namespace Foreman.TestSupport;

/// <summary>
/// A workflow worker that runs in the background of a test until stopped. The harnesses stop one and start another
/// on the same database file to simulate a process restart.
/// </summary>
internal sealed class BackgroundWorker
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private BackgroundWorker(WorkflowEngine engine, string workerId, TimeSpan leaseDuration)
    {
        var worker = new WorkflowWorker(engine, new WorkflowWorkerOptions { WorkerId = workerId, MaxConcurrentRuns = 8, LeaseDuration = leaseDuration, PollInterval = TimeSpan.FromSeconds(1) });
        _running = worker.RunAsync(_stop.Token);
    }

    /// <summary>Starts a worker that runs up to eight runs at once and polls every second.</summary>
    public static BackgroundWorker Start(WorkflowEngine engine, string workerId, TimeSpan leaseDuration) => new(engine, workerId, leaseDuration);

    /// <summary>Stops the worker and waits until it has stopped.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }
}
