using Foreman.Cli.Commands;
using Foreman.Sqlite;

namespace Foreman.Cli.Workflows;

/// <summary>The stores of one database file that the observability commands read: runs, reviews, traces, quality samples, alerts.</summary>
internal sealed record ObservabilityStores(SqliteWorkflowStore Runs, SqliteReviewStore Reviews, SqliteTraceStore Traces, SqliteQualityStore Quality, SqliteAlertStore Alerts)
{
    /// <summary>Opens an existing database (migrating the observability tables if this version adds them) for one command.</summary>
    public static Task<int> UseAsync(CliEnvironment environment, string path, Func<ObservabilityStores, Task<int>> body, CancellationToken cancellationToken) =>
        WorkflowStores.UseExistingWithReviewsAsync(environment, path, async (runs, reviews) =>
        {
            var traces = new SqliteTraceStore(new SqliteTraceStoreOptions { DatabasePath = path });
            await traces.InitializeAsync(cancellationToken);
            var quality = new SqliteQualityStore(new SqliteQualityStoreOptions { DatabasePath = path });
            await quality.InitializeAsync(cancellationToken);
            var alerts = new SqliteAlertStore(new SqliteAlertStoreOptions { DatabasePath = path });
            await alerts.InitializeAsync(cancellationToken);
            return await body(new ObservabilityStores(runs, reviews, traces, quality, alerts));
        }, cancellationToken);

    /// <summary>Parses a period such as <c>7d</c>, or reports it as a usage error.</summary>
    public static async Task<TimeSpan?> PeriodAsync(CliEnvironment environment, string text)
    {
        if (Foreman.Tracing.TraceQueryParser.ParseDuration(text) is { } period)
        {
            return period;
        }

        await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, $"'{text}' is not a period: use 30m, 24h, 7d or 2w.");
        return null;
    }
}
