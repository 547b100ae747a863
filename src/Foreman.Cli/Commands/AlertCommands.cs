using System.CommandLine;
using Foreman.Alerts;
using Foreman.Cli.Rendering;
using Foreman.Cli.Workflows;
using Foreman.Quality;

namespace Foreman.Cli.Commands;

/// <summary><c>foreman alerts [check]</c>: stored alerts, and an evaluation of the rules on demand (for cron).</summary>
internal static class AlertCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var db = StoreSelection.Create();
        var allOption = new Option<bool>("--all") { Description = "Resolved alerts too (default: firing only)." };
        var jsonOption = new Option<bool>("--json") { Description = "Print JSON." };
        var alerts = new Command("alerts", "Firing alerts (loop rate, cost spikes, escalation rate, review SLA, accuracy drift and thresholds, retry rate, success rate).")
        {
            allOption, jsonOption,
        };
        db.AddTo(alerts);
        alerts.SetAction((parse, cancellationToken) => ObservabilityStores.UseAsync(environment, db.Resolve(parse, environment), async stores =>
        {
            var list = await stores.Alerts.ListAsync(new AlertQuery(parse.GetValue(allOption) ? null : AlertState.Firing), cancellationToken);
            await environment.Out.WriteAsync(parse.GetValue(jsonOption) ? ObservabilityJson.Serialize(list) : AlertRenderer.Text(list));
            return ExitCodes.Success;
        }, cancellationToken));
        alerts.Subcommands.Add(CreateCheck(environment, db));
        return alerts;
    }

    private static Command CreateCheck(CliEnvironment environment, StoreSelection db)
    {
        var webhookOption = new Option<string?>("--webhook") { Description = "POST new alerts to this URL (JSON)." };
        var jsonOption = new Option<bool>("--json") { Description = "Print JSON." };
        var check = new Command("check", "Evaluate the alert rules now with their default thresholds; new alerts are stored and sent.") { webhookOption, jsonOption };
        check.SetAction((parse, cancellationToken) => ObservabilityStores.UseAsync(environment, db.Resolve(parse, environment), async stores =>
        {
            using var http = new HttpClient();
            var sinks = new List<IAlertSink>();
            if (parse.GetValue(webhookOption) is { } url)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, $"--webhook '{url}' is not an http(s) URL.");
                }

                sinks.Add(new WebhookAlertSink(http, new WebhookAlertSinkOptions { Url = uri }));
            }

            var monitor = new QualityMonitor(stores.Quality, new QualityOptions { Traces = stores.Traces, Reviews = stores.Reviews });
            await monitor.SyncReviewsAsync(cancellationToken);
            var service = new AlertService(stores.Alerts, AlertRules.Create(new AlertRuleOptions(), stores.Traces, stores.Reviews, monitor), sinks);
            var evaluation = await service.EvaluateAsync(cancellationToken);
            await environment.Out.WriteAsync(parse.GetValue(jsonOption) ? ObservabilityJson.Serialize(evaluation) : AlertRenderer.EvaluationText(evaluation));
            return ExitCodes.Success;
        }, cancellationToken));
        return check;
    }
}
