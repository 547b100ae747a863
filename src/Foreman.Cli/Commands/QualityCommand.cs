using System.CommandLine;
using System.Globalization;
using Foreman.Cli.Rendering;
using Foreman.Cli.Workflows;
using Foreman.Quality;

namespace Foreman.Cli.Commands;

/// <summary><c>foreman quality</c>: accuracy, precision, recall and level per agent and task type; calibration; disabled agents.</summary>
internal static class QualityCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var db = StoreSelection.Create();
        var jsonOption = new Option<bool>("--json") { Description = "Print JSON." };
        var enableOption = new Option<string?>("--enable") { Description = "Re-enable this disabled agent (after fixing it)." };
        var confidenceOption = new Option<double>("--confidence") { Description = "Confidence level of the intervals levels are judged on, for example 0.9 or 0.99 (default 0.95).", DefaultValueFactory = _ => 0.95 };
        var quality = new Command("quality", "Measured quality over the last 24 h against ground truth, calibration by confidence bucket, disabled agents.")
        {
            jsonOption, enableOption, confidenceOption,
        };
        db.AddTo(quality);
        quality.SetAction((parse, cancellationToken) => ObservabilityStores.UseAsync(environment, db.Resolve(parse, environment), async stores =>
        {
            var confidence = parse.GetValue(confidenceOption);
            if (confidence is not (>= 0.5 and < 1))
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, $"--confidence must be at least 0.5 and below 1, for example 0.95 (got {confidence.ToString(CultureInfo.InvariantCulture)}).");
            }

            var monitor = new QualityMonitor(stores.Quality, new QualityOptions { Traces = stores.Traces, Reviews = stores.Reviews, ConfidenceLevel = confidence });
            await monitor.SyncReviewsAsync(cancellationToken);
            if (parse.GetValue(enableOption) is { } agent)
            {
                await monitor.SetDisabledAsync(agent, disabled: false, Environment.UserName, "re-enabled from the command line", cancellationToken);
            }

            var statuses = await monitor.GetStatusesAsync(cancellationToken);
            var since = TimeProvider.System.GetUtcNow() - monitor.Window;
            var calibration = new List<CalibrationReport>();
            foreach (var name in statuses.Select(s => s.Agent).Distinct(StringComparer.Ordinal))
            {
                calibration.Add(await monitor.CalibrationAsync(name, since, cancellationToken));
            }

            var states = await stores.Quality.ListAgentStatesAsync(cancellationToken);
            await environment.Out.WriteAsync(parse.GetValue(jsonOption)
                ? ObservabilityJson.Serialize(new { statuses, calibration, agents = states })
                : QualityRenderer.Text(statuses, calibration, states));
            return ExitCodes.Success;
        }, cancellationToken));
        return quality;
    }
}
