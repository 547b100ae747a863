using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Foreman.Server.Auth;

/// <summary>
/// Deletes expired dashboard sessions at start and then every interval. Several nodes on one database may all prune:
/// the delete is idempotent. A failure (a locked database) is logged and retried at the next tick.
/// </summary>
internal sealed partial class SessionPruningService(ISessionStore store, TimeProvider time, TimeSpan interval, ILogger<SessionPruningService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                var pruned = await store.PruneAsync(time.GetUtcNow(), stoppingToken);
                if (pruned > 0)
                {
                    LogPruned(logger, pruned);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPruneFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 6050, Level = LogLevel.Information, Message = "Pruned {Count} expired dashboard session(s)")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(EventId = 6051, Level = LogLevel.Warning, Message = "Pruning expired dashboard sessions failed")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
