using System.CommandLine;
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
        var quality = new Command("quality", "Measured quality over the last 24 h against ground truth, calibration by confidence bucket, disabled agents.")
        {
            jsonOption, enableOption,
        };
        db.AddTo(quality);
        quality.SetAction((parse, cancellationToken) => ObservabilityStores.UseAsync(environment, db.Resolve(parse, environment), async stores =>
        {
            var monitor = new QualityMonitor(stores.Quality, new QualityOptions { Traces = stores.Traces, Reviews = stores.Reviews });
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
