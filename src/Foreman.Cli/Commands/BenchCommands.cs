using System.CommandLine;
using Foreman.Cli.Bench;
using Foreman.Cli.Workflows;
using Foreman.Sqlite;

namespace Foreman.Cli.Commands;

/// <summary><c>foreman bench durable|waiting</c>: macro benchmarks of the durable engine on a real store.</summary>
internal static class BenchCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var bench = new Command("bench", "Measure the durable engine: step throughput and what waiting runs cost.");
        bench.Subcommands.Add(CreateDurable(environment));
        bench.Subcommands.Add(CreateWaiting(environment));
        return bench;
    }

    private static Command CreateDurable(CliEnvironment environment)
    {
        var storeOption = StoreKindOption.Create();
        var dbOption = CreateDbOption();
        var connectionOption = new Option<string?>("--connection") { Description = "PostgreSQL: the Npgsql connection string (default: $FOREMAN_CONNECTION)." };
        var schemaOption = new Option<string?>("--schema") { Description = "PostgreSQL: the schema to use (default: a fresh schema, dropped afterwards)." };
        var workflowsOption = new Option<int>("--workflows", "-n") { Description = "How many workflows to complete (default: 200).", DefaultValueFactory = _ => 200 };
        var stepsOption = new Option<int>("--steps", "-s") { Description = "Durable steps per workflow (default: 10).", DefaultValueFactory = _ => 10 };
        var concurrencyOption = new Option<int>("--concurrency", "-c") { Description = "Workflows in flight, and the worker's MaxConcurrentRuns (default: 1).", DefaultValueFactory = _ => 1 };
        var synchronousOption = CreateSynchronousOption();
        var warmupOption = new Option<int>("--warmup") { Description = "Workflows to run before measuring, to leave JIT and caches out of the figures (default: 0).", DefaultValueFactory = _ => 0 };
        var batchOption = new Option<int?>("--batch-size") { Description = "The store's group-commit batch limit (default: the store's)." };
        var pollOption = new Option<double>("--poll") { Description = "The worker's poll interval in seconds (default: 1, the worker's default).", DefaultValueFactory = _ => 1 };
        var jsonOption = new Option<bool>("--json") { Description = "Print one JSON line." };
        var durable = new Command("durable", "Durable steps per second: keeps C workflows of S trivial steps in flight until N completed.")
        {
            storeOption, dbOption, connectionOption, schemaOption, workflowsOption, stepsOption, concurrencyOption, synchronousOption, warmupOption, batchOption, pollOption, jsonOption,
        };
        durable.SetAction(async (parse, cancellationToken) =>
        {
            var options = new DurableBenchmarkOptions(
                parse.GetValue(workflowsOption), parse.GetValue(stepsOption), parse.GetValue(concurrencyOption),
                ParseSynchronous(parse.GetValue(synchronousOption)), parse.GetValue(warmupOption), parse.GetValue(batchOption), TimeSpan.FromSeconds(parse.GetValue(pollOption)));
            if (options.Workflows < 1 || options.Steps < 0 || options.Concurrency < 1 || options.Warmup < 0 || options.MaxBatchSize < 1 || options.PollInterval <= TimeSpan.Zero)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, "--workflows, --concurrency, --batch-size and --poll must be positive; --steps and --warmup not negative.");
            }

            var kind = parse.GetValue(storeOption) ?? environment.GetVariable("FOREMAN_STORE") ?? StoreKindOption.Sqlite;
            var connection = parse.GetValue(connectionOption) ?? environment.GetVariable("FOREMAN_CONNECTION");
            if (kind == StoreKindOption.Postgres && string.IsNullOrWhiteSpace(connection))
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, "--store postgres needs --connection (or FOREMAN_CONNECTION).");
            }

            await using var database = kind == StoreKindOption.Postgres
                ? BenchStore.Postgres(connection!, parse.GetValue(schemaOption), options.MaxBatchSize)
                : BenchStore.Sqlite(BenchDatabase.Create(environment, parse.GetValue(dbOption)), options.Synchronous, options.MaxBatchSize);
            try
            {
                Print(environment, await DurableBenchmark.RunAsync(database, options, cancellationToken), parse.GetValue(jsonOption));
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is InvalidOperationException or Npgsql.NpgsqlException or ArgumentException)
            {
                // A benchmark run that failed, or a store that would not open: a finding, not a crash.
                return await CommandFailure.ReportAsync(environment, ExitCodes.Failed, ex.Message);
            }
        });
        return durable;
    }

    private static Command CreateWaiting(CliEnvironment environment)
    {
        var storeOption = StoreKindOption.Create();
        var dbOption = CreateDbOption();
        var runsOption = new Option<int>("--runs", "-n") { Description = "How many runs to park (default: 100000).", DefaultValueFactory = _ => 100_000 };
        var concurrencyOption = new Option<int>("--concurrency", "-c") { Description = "The worker's MaxConcurrentRuns (default: 64).", DefaultValueFactory = _ => 64 };
        var synchronousOption = CreateSynchronousOption();
        var jsonOption = new Option<bool>("--json") { Description = "Print one JSON line." };
        var waiting = new Command("waiting", "Memory of a worker whose runs all wait: parks N runs on a 7-day approval, then measures RSS and the managed heap.")
        {
            storeOption, dbOption, runsOption, concurrencyOption, synchronousOption, jsonOption,
        };
        waiting.SetAction(async (parse, cancellationToken) =>
        {
            var options = new WaitingBenchmarkOptions(parse.GetValue(runsOption), parse.GetValue(concurrencyOption), ParseSynchronous(parse.GetValue(synchronousOption)));
            if (options.Runs < 1 || options.Concurrency < 1)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, "--runs and --concurrency must be positive.");
            }

            if ((parse.GetValue(storeOption) ?? StoreKindOption.Sqlite) != StoreKindOption.Sqlite)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, "bench waiting measures the SQLite store only; use bench durable for PostgreSQL.");
            }

            var json = parse.GetValue(jsonOption);
            using var database = BenchDatabase.Create(environment, parse.GetValue(dbOption));
            try
            {
                Print(environment, await WaitingBenchmark.RunAsync(database, options, json ? null : environment.Out, cancellationToken), json);
                return ExitCodes.Success;
            }
            catch (InvalidOperationException ex)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.Failed, ex.Message);
            }
        });
        return waiting;
    }

    private static Option<string?> CreateDbOption() => new("--db")
    {
        Description = "The SQLite file to use (default: a fresh file in a temporary folder, deleted afterwards).",
    };

    private static Option<string> CreateSynchronousOption()
    {
        var option = new Option<string>("--synchronous") { Description = "SQLite's synchronous mode: full (survives power loss; default) or normal.", DefaultValueFactory = _ => "full" };
        option.AcceptOnlyFromAmong("full", "normal");
        return option;
    }

    private static SqliteSynchronousMode ParseSynchronous(string? text) =>
        string.Equals(text, "normal", StringComparison.OrdinalIgnoreCase) ? SqliteSynchronousMode.Normal : SqliteSynchronousMode.Full;

    private static void Print(CliEnvironment environment, BenchReport report, bool json)
    {
        if (json)
        {
            environment.Out.WriteLine(report.ToJsonLine());
        }
        else
        {
            report.WriteText(environment.Out);
        }
    }
}
