using System.CommandLine;
using Foreman.Agents;
using Foreman.Cli.Rendering;
using Foreman.Cli.Workflows;
using Foreman.Reviews;
using Foreman.Samples.Invoices;
using Foreman.Samples.Workflows;
using Foreman.Testing;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Commands;

/// <summary><c>foreman worker</c>: executes the sample workflows' runs from the store until stopped.</summary>
internal static class WorkerCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var db = StoreSelection.Create();
        var concurrencyOption = new Option<int>("--concurrency", "-c") { Description = "How many runs execute at once (default: 16).", DefaultValueFactory = _ => 16 };
        var leaseOption = new Option<double>("--lease") { Description = "The lease in seconds: how long a run stays claimed if this worker dies (default: 30).", DefaultValueFactory = _ => 30 };
        var pollOption = new Option<double>("--poll") { Description = "Seconds between polls for events and runs freed by other processes (default: 1).", DefaultValueFactory = _ => 1 };
        var configOption = new Option<string?>("--config") { Description = "A foreman.json with the model endpoint (default: ./foreman.json if present; the simulated model otherwise)." };
        var quietOption = new Option<bool>("--quiet", "-q") { Description = "Do not print a line per run status change." };
        var noTracesOption = new Option<bool>("--no-traces") { Description = "Do not record run traces in the database (foreman traces, foreman cost read them)." };
        var worker = new Command("worker", "Run a worker with the sample workflows until Ctrl+C (SIGINT or SIGTERM stops it gracefully).")
        {
            concurrencyOption, leaseOption, pollOption, configOption, quietOption, noTracesOption,
        };
        db.AddTo(worker);

        worker.SetAction(async (parse, cancellationToken) =>
        {
            var concurrency = parse.GetValue(concurrencyOption);
            var lease = parse.GetValue(leaseOption);
            var poll = parse.GetValue(pollOption);
            if (concurrency < 1 || lease <= 0 || poll <= 0)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, "--concurrency, --lease and --poll must be positive.");
            }

            var (setup, errors) = ModelSetup.Create(environment, parse.GetValue(configOption), new Foreman.Samples.Pipelines.SampleSimulation());
            if (setup is null)
            {
                return await CommandFailure.ReportInvalidModelConfigurationAsync(environment, errors);
            }

            var target = db.Resolve(parse, environment);
            if (target.Error is { } targetError)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, targetError);
            }

            var gate = new Lock();
            var time = TimeProvider.System;
            await using var store = new ObservedWorkflowStore(await WorkflowStores.OpenAsync(target, cancellationToken));
            if (!parse.GetValue(quietOption))
            {
                store.StatusCommitted = (commit, result) => Report(environment.Out, gate, time, commit, result);
            }

            // The review queue lives in the same database; it must be opened after the workflow store created the schema.
            var reviews = await WorkflowStores.OpenReviewsAsync(target, cancellationToken);
            await using var reviewsLifetime = reviews as IAsyncDisposable;
            // Every span of the run (workflow, agents, model and tool calls) goes to the trace tables of the same
            // database: the SQLite file, or the PostgreSQL schema where every worker's traces meet.
            await using var traces = await TraceRecording.StartAsync(target, enabled: !parse.GetValue(noTracesOption), cancellationToken);
            using var runtime = new AgentRuntime(setup.Router);
            var engine = new WorkflowEngine(store, SampleWorkflows.Create(runtime, new InMemoryInvoiceLedger(), reviews), new WorkflowEngineOptions
            {
                TimeProvider = time,
                LoggerFactory = new TextWriterLoggerFactory(environment.Error, gate, time),
            });
            var runner = new WorkflowWorker(engine, new WorkflowWorkerOptions
            {
                MaxConcurrentRuns = concurrency,
                LeaseDuration = TimeSpan.FromSeconds(lease),
                PollInterval = TimeSpan.FromSeconds(poll),
            });

            lock (gate)
            {
                environment.Out.WriteLine($"Worker {runner.WorkerId} on {target.Description}");
                environment.Out.WriteLine($"  workflows: {string.Join(", ", engine.WorkflowNames.Order(StringComparer.Ordinal))}; up to {concurrency} at once; model: {setup.Description}.");
                environment.Out.WriteLine("  Ctrl+C stops it; runs in flight resume on the next worker once their lease expires.");
            }

            // Decisions recorded while no worker ran (or lost to a crash before delivery) wake their runs now.
            await new ReviewService(reviews, engine, time).ReconcileAsync(cancellationToken);
            await runner.RunAsync(cancellationToken);
            lock (gate)
            {
                environment.Out.WriteLine("Worker stopped.");
            }

            return ExitCodes.Success;
        });
        return worker;
    }

    private static void Report(TextWriter writer, Lock gate, TimeProvider time, RunCommit commit, CommitResult result)
    {
        var transition = commit.Transition!;
        var detail = result.RunStatus switch
        {
            RunStatus.Waiting when transition.WaitingFor.Count > 0 => $" for {string.Join(", ", transition.WaitingFor)}{(transition.WakeAt is { } wake ? $" until {RunRenderer.Time(wake)}" : string.Empty)}",
            RunStatus.Waiting when transition.WakeAt is { } wake => $" until {RunRenderer.Time(wake)}",
            RunStatus.Completed => $": {transition.Output}",
            RunStatus.Failed or RunStatus.DeadLettered or RunStatus.Suspended => $": {RunRenderer.ErrorSummary(transition.Error)}",
            _ => string.Empty,
        };
        lock (gate)
        {
            writer.WriteLine($"{RunRenderer.Time(time.GetUtcNow())}  {commit.RunId}  {StatusText.Of(result.RunStatus)}{detail}");
        }
    }
}
