using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Foreman.Cli.Bench;
using Foreman.Cli.Demo;
using Foreman.Samples.Pipelines;
using Spectre.Console;

namespace Foreman.Cli.Commands;

/// <summary>
/// <c>foreman demo</c>: runs the three sample pipelines over their generated datasets through the durable engine
/// and prints, per pipeline, what a production owner asks first: how much ran without a person, how accurate it
/// was against the ground truth, what it cost, and how long it took.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var countOption = new Option<int?>("--count", "-n") { Description = "Items per pipeline (default: 400 invoices, 300 import documents, 400 tickets)." };
        var seedOption = new Option<int>("--seed") { Description = "The dataset seed (default: 42).", DefaultValueFactory = _ => 42 };
        var concurrencyOption = new Option<int>("--concurrency", "-c") { Description = "Runs in flight at once (default: 32).", DefaultValueFactory = _ => 32 };
        var pipelineOption = new Option<string[]>("--pipeline", "-p") { Description = $"Run only these pipelines ({string.Join(", ", SamplePipelines.All.Select(p => p.Name))}); repeatable.", AllowMultipleArgumentsPerToken = true };
        var dbOption = new Option<string?>("--db") { Description = "A SQLite file to keep runs and the review queue in (default: a temporary file, deleted afterwards)." };
        var configOption = new Option<string?>("--config") { Description = "A foreman.json with a model endpoint (default: ./foreman.json if present; the simulated model otherwise)." };
        var amountErrorOption = new Option<double>("--amount-error") { Description = "Simulated model only: the share of amount readings each reader gets wrong (default: 0.042).", DefaultValueFactory = _ => 0.042 };
        var latencyOption = new Option<int>("--model-latency") { Description = "Simulated model only: milliseconds each model call takes (default: 0, which measures the orchestration alone).", DefaultValueFactory = _ => 0 };
        var jsonOption = new Option<bool>("--json") { Description = "Print the figures as JSON instead of tables." };
        var demo = new Command("demo", "Run the three sample pipelines over generated datasets with ground truth and print automation rate, accuracy, cost and latency.")
        {
            countOption, seedOption, concurrencyOption, pipelineOption, dbOption, configOption, amountErrorOption, latencyOption, jsonOption,
        };
        demo.SetAction(async (parse, cancellationToken) =>
        {
            var names = parse.GetValue(pipelineOption) is { Length: > 0 } chosen ? chosen : [.. SamplePipelines.All.Select(p => p.Name)];
            var unknown = names.FirstOrDefault(n => SamplePipelines.Find(n) is null);
            var count = parse.GetValue(countOption);
            var concurrency = parse.GetValue(concurrencyOption);
            var amountError = parse.GetValue(amountErrorOption);
            if (unknown is not null)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, $"There is no sample pipeline named '{unknown}'; choose from {string.Join(", ", SamplePipelines.All.Select(p => p.Name))}.");
            }

            var latency = parse.GetValue(latencyOption);
            if (count < 1 || concurrency < 1 || amountError is < 0 or > 1 || latency < 0)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, "--count and --concurrency must be positive; --amount-error must be between 0 and 1; --model-latency not negative.");
            }

            var simulation = new SampleSimulation(SimulationRates.Default with { AmountError = amountError });
            var simulated = new Foreman.Testing.SimulatedChatClientOptions { Faults = Foreman.Testing.FaultInjection.None with { Latency = TimeSpan.FromMilliseconds(latency) } };
            var (setup, errors) = ModelSetup.Create(environment, parse.GetValue(configOption), simulation, simulated);
            if (setup is null)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.ConfigurationError, $"the model configuration is invalid: {string.Join("; ", errors)}");
            }

            var json = parse.GetValue(jsonOption);
            var options = new DemoOptions(names, count, parse.GetValue(seedOption), concurrency, amountError);
            using var database = BenchDatabase.Create(environment, parse.GetValue(dbOption));
            var reports = json
                ? await DemoRunner.RunAsync(database.Path, setup.Router, options, (_, _, _) => { }, cancellationToken)
                : await RunWithProgressAsync(environment, database.Path, setup, options, cancellationToken);
            if (json)
            {
                await environment.Out.WriteLineAsync(JsonSerializer.Serialize(new DemoJson(setup.Description, setup.Simulated ? options.AmountErrorRate : null, database.IsFresh ? null : database.Path, "handed over to the review queue and left pending", options.Seed, reports), DemoJson.Options));
            }
            else
            {
                Render(environment, setup.Description, database, reports);
            }

            return reports.Any(r => r.Failed > 0) ? ExitCodes.Failed : ExitCodes.Success;
        });
        return demo;
    }

    private static async Task<IReadOnlyList<DemoPipelineReport>> RunWithProgressAsync(CliEnvironment environment, string path, ModelSetup setup, DemoOptions options, CancellationToken cancellationToken)
    {
        var console = Console(environment.Out);
        console.MarkupLine($"Running {options.Pipelines.Count} pipeline(s) through the durable engine with {Markup.Escape(setup.Description)}; seed {options.Seed}, {options.Concurrency} runs in flight.");
        IReadOnlyList<DemoPipelineReport> reports = [];
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var tasks = options.Pipelines.ToDictionary(n => n, n => progress.AddTask(SamplePipelines.Find(n)!.Title, autoStart: false), StringComparer.Ordinal);
                reports = await DemoRunner.RunAsync(path, setup.Router, options, (pipeline, done, total) =>
                {
                    var task = tasks[pipeline.Name];
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                    if (!task.IsStarted)
                    {
                        task.StartTask();
                    }

                    if (done == total)
                    {
                        task.StopTask();
                    }
                }, cancellationToken);
            });
        return reports;
    }

    private static void Render(CliEnvironment environment, string model, BenchDatabase database, IReadOnlyList<DemoPipelineReport> reports)
    {
        var console = Console(environment.Out);
        var table = new Table().Title("Sample pipelines against ground truth").AddColumns("pipeline", "documents", "without a human", "escalated", "accuracy", "mean cost / doc", "p50 ms", "p95 ms", "wall s");
        foreach (var r in reports)
        {
            table.AddRow(
                Markup.Escape(r.Title),
                N(r.Documents),
                $"{N(r.HandledWithoutHuman)} ({r.HandledWithoutHumanPercent.ToString("0.0", CultureInfo.InvariantCulture)}%)",
                r.Failed > 0 ? $"{N(r.Escalated)} [red](+{N(r.Failed)} failed)[/]" : N(r.Escalated),
                $"{r.AccuracyPercent.ToString("0.0", CultureInfo.InvariantCulture)}%",
                $"{r.Currency} {r.MeanCostPerDocument.ToString("0.000000", CultureInfo.InvariantCulture)}",
                r.P50Ms.ToString("0.0", CultureInfo.InvariantCulture),
                r.P95Ms.ToString("0.0", CultureInfo.InvariantCulture),
                r.WallSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        foreach (var r in reports.Where(r => r.Consensus is not null))
        {
            var c = r.Consensus!;
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"{Markup.Escape(r.Title)}: amount consensus over {c.Documents:N0} documents — one reader wrong {c.PerInstanceErrorRate:P2}, majority of three wrong {c.MajorityErrorRate:P2} (no majority, escalated: {c.NoMajorityRate:P2}), at {c.CostRatio:0.00}× a single reader's cost."));
        }

        console.MarkupLine("Accuracy is measured on the documents handled without a human. Escalations are handed over to the review queue and left pending there"
            + (database.IsFresh ? " (in a temporary database; pass --db to keep it and see them with `foreman review list --db FILE`)." : $": `foreman review list --db {Markup.Escape(database.Path)}`."));
        console.MarkupLine($"Model: {Markup.Escape(model)}. Latency is each run's processing time inside the durable engine; figures on a busy machine are low.");
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static IAnsiConsole Console(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });

        // Redirected output has no width; a log or a pipe should get the table on one line per pipeline.
        if (!terminal)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    private sealed record DemoJson(string Model, double? SimulatedAmountError, string? Database, string Escalations, int Seed, IReadOnlyList<DemoPipelineReport> Pipelines)
    {
        public static JsonSerializerOptions Options { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
    }
}
