using System.CommandLine;
using Foreman.Cli.Rendering;
using Foreman.Cli.Workflows;
using Foreman.Samples.Workflows;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Commands;

/// <summary><c>foreman runs list|show|submit|cancel</c>: durable workflow runs in the store.</summary>
internal static class RunCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var db = StoreSelection.Create();
        var runs = new Command("runs", "List, inspect, submit and cancel durable workflow runs.");
        db.AddTo(runs);
        runs.Subcommands.Add(CreateList(environment, db));
        runs.Subcommands.Add(CreateShow(environment, db));
        runs.Subcommands.Add(CreateSubmit(environment, db));
        runs.Subcommands.Add(CreateCancel(environment, db));
        return runs;
    }

    private static Command CreateList(CliEnvironment environment, StoreSelection db)
    {
        var statusOption = new Option<string?>("--status") { Description = $"Only runs with this status ({StatusText.AllStatuses()})." };
        var workflowOption = new Option<string?>("--workflow") { Description = "Only runs of this workflow." };
        var limitOption = new Option<int>("--limit") { Description = "The most runs to show, newest first (default: 50).", DefaultValueFactory = _ => 50 };
        var jsonOption = new Option<bool>("--json") { Description = "Print the runs as JSON." };
        var list = new Command("list", "List runs, newest first.") { statusOption, workflowOption, limitOption, jsonOption };
        list.SetAction(async (parse, cancellationToken) =>
        {
            RunStatus? status = null;
            if (parse.GetValue(statusOption) is { } text)
            {
                if (!StatusText.TryParseStatus(text, out var parsed))
                {
                    return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, $"unknown status '{text}'. Known: {StatusText.AllStatuses()}.");
                }

                status = parsed;
            }

            var limit = parse.GetValue(limitOption);
            if (limit < 1)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, "--limit must be at least 1.");
            }

            return await WorkflowStores.UseExistingAsync(environment, db.Resolve(parse, environment), async store =>
            {
                var found = await store.ListRunsAsync(new RunQuery { Status = status, Workflow = parse.GetValue(workflowOption), Limit = limit }, cancellationToken);
                await RunRenderer.WriteListAsync(environment.Out, found, parse.GetValue(jsonOption));

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return list;
    }

    private static Command CreateShow(CliEnvironment environment, StoreSelection db)
    {
        var idArgument = new Argument<string>("run-id") { Description = "The run." };
        var jsonOption = new Option<bool>("--json") { Description = "Print the run, its journal and its inbox as JSON." };
        var show = new Command("show", "Show a run, its journal entries in order and its unconsumed inbox.") { idArgument, jsonOption };
        show.SetAction(async (parse, cancellationToken) =>
        {
            return await WorkflowStores.UseExistingAsync(environment, db.Resolve(parse, environment), async store =>
            {
                var runId = parse.GetRequiredValue(idArgument);
                var run = await store.GetRunAsync(runId, cancellationToken);
                if (run is null)
                {
                    return await CommandFailure.ReportAsync(environment, ExitCodes.Failed, $"no run '{runId}'.");
                }

                var journal = await store.GetJournalAsync(runId, cancellationToken);
                var inbox = await store.GetInboxAsync(runId, cancellationToken);
                if (parse.GetValue(jsonOption))
                {
                    await environment.Out.WriteLineAsync(RunJson.Show(run, journal, inbox));
                }
                else
                {
                    RunRenderer.Show(environment.Out, run, journal, inbox);
                }

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return show;
    }

    private static Command CreateSubmit(CliEnvironment environment, StoreSelection db)
    {
        var workflowArgument = new Argument<string>("workflow") { Description = $"The workflow ({string.Join(", ", SampleWorkflows.All.Select(w => w.Name))})." };
        var inputOption = new Option<string?>("--input", "-i") { Description = "The input as JSON (default: the sample's example input)." };
        var inputFileOption = new Option<string?>("--input-file") { Description = "A file with the input as JSON." };
        var keyOption = new Option<string?>("--key") { Description = "An idempotency key: submitting again with the same key returns the first run." };
        var jsonOption = new Option<bool>("--json") { Description = "Print the run as JSON." };
        var submit = new Command("submit", "Submit a run of a sample workflow; a worker ('foreman worker') executes it.") { workflowArgument, inputOption, inputFileOption, keyOption, jsonOption };
        submit.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetRequiredValue(workflowArgument);
            var sample = SampleWorkflows.Find(name);
            if (sample is null)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, $"no workflow named '{name}'. Known workflows: {string.Join(", ", SampleWorkflows.All.Select(w => w.Name))}.");
            }

            var (input, inputError) = await JsonArgument.ReadAsync(environment, parse.GetValue(inputOption), parse.GetValue(inputFileOption), sample.ExampleInput, cancellationToken);
            if (inputError is not null)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, $"--input: {inputError}");
            }

            var target = db.Resolve(parse, environment);
            if (target.Error is { } targetError)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, targetError);
            }

            await using var store = await WorkflowStores.OpenAsync(target, cancellationToken);
            var engine = new WorkflowEngine(store, [new SubmitOnlyWorkflow(sample.Name)]);
            var (run, created) = await engine.SubmitAsync(sample.Name, input, parse.GetValue(keyOption), cancellationToken);
            if (parse.GetValue(jsonOption))
            {
                await environment.Out.WriteLineAsync(RunJson.Run(run));
            }
            else
            {
                await environment.Out.WriteLineAsync(created
                    ? $"Submitted {run.RunId} ({run.Workflow}); a worker runs it: foreman worker {target.CommandLine}"
                    : $"A run with this key exists already: {run.RunId} ({StatusText.Of(run.Status)}).");
            }

            return ExitCodes.Success;
        });
        return submit;
    }

    private static Command CreateCancel(CliEnvironment environment, StoreSelection db)
    {
        var idArgument = new Argument<string>("run-id") { Description = "The run." };
        var reasonOption = new Option<string?>("--reason") { Description = "Why, recorded as the run's error." };
        var cancel = new Command("cancel", "Cancel a run that has not finished; a worker executing it stops at its next write.") { idArgument, reasonOption };
        cancel.SetAction(async (parse, cancellationToken) =>
        {
            return await WorkflowStores.UseExistingAsync(environment, db.Resolve(parse, environment), async store =>
            {
                var runId = parse.GetRequiredValue(idArgument);
                var engine = new WorkflowEngine(store, []);
                var status = await engine.CancelAsync(runId, parse.GetValue(reasonOption) ?? "Cancelled from the command line.", cancellationToken);
                return await RunChangeReport.ReportAsync(
                    environment,
                    store,
                    runId,
                    status,
                    $"Cancelled {runId}.",
                    current => $"run '{runId}' has already finished ({current}); nothing to cancel.",
                    cancellationToken);
            }, cancellationToken);
        });
        return cancel;
    }
}
