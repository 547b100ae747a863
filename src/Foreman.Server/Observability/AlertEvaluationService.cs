using Foreman.Alerts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Foreman.Server.Observability;

/// <summary>
/// Evaluates the alert rules on a timer (fires, updates and resolves alerts; sends new ones to the sinks), after
/// collecting the quality verdicts people gave in the review queue, so drift and threshold rules see them.
/// </summary>
internal sealed partial class AlertEvaluationService(AlertService alerts, TimeProvider time, TimeSpan interval, QualityVerdictSync verdicts, ILogger<AlertEvaluationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                try
                {
                    if (verdicts.Monitor is { } monitor)
                    {
                        await monitor.SyncReviewsAsync(stoppingToken);
                    }

                    await alerts.EvaluateAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 6030, Level = LogLevel.Warning, Message = "Evaluating the alert rules failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
