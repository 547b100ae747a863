using Foreman.Alerts;
using Foreman.Cli.Commands;
using Foreman.Quality;
using Foreman.Reviews;
using Foreman.Tracing;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Workflows;

/// <summary>The stores of one database (a SQLite file or a PostgreSQL schema) that the observability commands read: runs, reviews, traces, quality samples, alerts.</summary>
internal sealed record ObservabilityStores(IWorkflowStore Runs, IReviewStore Reviews, ITraceStore Traces, IQualityStore Quality, IAlertStore Alerts)
{
    /// <summary>Opens an existing database (migrating the observability tables if this version adds them) for one command.</summary>
    public static Task<int> UseAsync(CliEnvironment environment, StoreTarget target, Func<ObservabilityStores, Task<int>> body, CancellationToken cancellationToken) =>
        WorkflowStores.UseExistingWithReviewsAsync(environment, target, async (runs, reviews) =>
        {
            ITraceStore? traces = null;
            IQualityStore? quality = null;
            IAlertStore? alerts = null;
            try
            {
                traces = await ObservabilityStoreOpener.OpenTracesAsync(target, cancellationToken);
                quality = await ObservabilityStoreOpener.OpenQualityAsync(target, cancellationToken);
                alerts = await ObservabilityStoreOpener.OpenAlertsAsync(target, cancellationToken);
                return await body(new ObservabilityStores(runs, reviews, traces, quality, alerts));
            }
            finally
            {
                await ObservabilityStoreOpener.DisposeAllAsync(traces, quality, alerts);
            }
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
