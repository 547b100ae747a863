using System.CommandLine;
using System.Globalization;
using Foreman.Cli.Rendering;
using Foreman.Cli.Workflows;
using Foreman.Costs;
using Foreman.Models;
using Foreman.Quality;

namespace Foreman.Cli.Commands;

/// <summary><c>foreman cost</c>: cost in four dimensions (inference, retries, human review, undetected errors) per pipeline.</summary>
internal static class CostCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var db = StoreSelection.Create();
        var sinceOption = new Option<string>("--since") { Description = "The period, back from now (30m, 24h, 7d, 2w).", DefaultValueFactory = _ => "7d" };
        var pipelineOption = new Option<string?>("--pipeline") { Description = "Only this pipeline (workflow name)." };
        var costPerErrorOption = new Option<decimal>("--cost-per-error") { Description = "What one undetected error costs, for the estimate (default 0: no estimate).", DefaultValueFactory = _ => 0m };
        var jsonOption = new Option<bool>("--json") { Description = "Print JSON." };
        var cost = new Command("cost", "Cost per pipeline in four dimensions: inference, retries, human review, estimated undetected errors.")
        {
            sinceOption, pipelineOption, costPerErrorOption, jsonOption,
        };
        db.AddTo(cost);
        cost.SetAction((parse, cancellationToken) => ObservabilityStores.UseAsync(environment, db.Resolve(parse, environment), async stores =>
        {
            if (await ObservabilityStores.PeriodAsync(environment, parse.GetValue(sinceOption)!) is not { } period)
            {
                return ExitCodes.UsageError;
            }

            var costPerError = parse.GetValue(costPerErrorOption);
            if (costPerError < 0)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, $"--cost-per-error must not be negative (got {costPerError.ToString(CultureInfo.InvariantCulture)}).");
            }

            var monitor = new QualityMonitor(stores.Quality, new QualityOptions { CostPerError = costPerError });
            var service = new CostReportService(stores.Traces, stores.Reviews, monitor, ModelCatalog.Default.Currency);
            var report = await service.ReportAsync(period, parse.GetValue(pipelineOption), cancellationToken);
            await environment.Out.WriteAsync(parse.GetValue(jsonOption) ? ObservabilityJson.Serialize(report) : CostRenderer.Text(report));
            return ExitCodes.Success;
        }, cancellationToken));
        return cost;
    }
}
