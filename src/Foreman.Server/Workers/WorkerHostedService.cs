using Foreman.Reviews;
using Foreman.Workflows;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Foreman.Server.Workers;

/// <summary>
/// Runs the <see cref="WorkflowWorker"/> inside the server process, and re-delivers review decisions that were
/// recorded but not delivered (a crash between the two) at start and every minute.
/// </summary>
internal sealed partial class WorkerHostedService(WorkflowWorker worker, ReviewService reviews, TimeProvider time, ILogger<WorkerHostedService> logger) : BackgroundService
{
    private static readonly TimeSpan ReconcileEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(logger, worker.WorkerId);
        var running = worker.RunAsync(stoppingToken);
        using var timer = new PeriodicTimer(ReconcileEvery, time);
        try
        {
            do
            {
                try
                {
                    await reviews.ReconcileAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogReconcileFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await running;
    }

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information, Message = "Worker {WorkerId} started in the server process")]
    private static partial void LogStarted(ILogger logger, string workerId);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Warning, Message = "Re-delivering review decisions failed; retrying in a minute")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);
}
