using System.CommandLine;
using Foreman.Cli.Rendering;
using Foreman.Cli.Workflows;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Commands;

/// <summary>
/// <c>foreman dlq list|show|requeue</c>: runs parked for an operator. That is dead-lettered runs (a step spent its
/// retries) and suspended ones (replay diverged from the journal, or the workflow is not deployed); both can be
/// re-queued once the cause is fixed.
/// </summary>
internal static class DlqCommands
{
    private static readonly RunStatus[] Parked = [RunStatus.DeadLettered, RunStatus.Suspended];

    public static Command Create(CliEnvironment environment)
    {
        var db = StoreSelection.Create();
        var dlq = new Command("dlq", "Dead-lettered and suspended runs: inspect and re-queue.");
        db.AddTo(dlq);
        dlq.Subcommands.Add(CreateList(environment, db));
        dlq.Subcommands.Add(CreateShow(environment, db));
        dlq.Subcommands.Add(CreateRequeue(environment, db));
        return dlq;
    }

    private static Command CreateList(CliEnvironment environment, StoreSelection db)
    {
        var limitOption = new Option<int>("--limit") { Description = "The most runs of each status to show (default: 100).", DefaultValueFactory = _ => 100 };
        var jsonOption = new Option<bool>("--json") { Description = "Print the runs as JSON." };
        var list = new Command("list", "List dead-lettered and suspended runs, newest first.") { limitOption, jsonOption };
        list.SetAction(async (parse, cancellationToken) =>
        {
            return await WorkflowStores.UseExistingAsync(environment, db.Resolve(parse, environment), async store =>
            {
                var runs = new List<RunRecord>();
                foreach (var status in Parked)
                {
                    runs.AddRange(await store.ListRunsAsync(new RunQuery { Status = status, Limit = Math.Max(1, parse.GetValue(limitOption)) }, cancellationToken));
                }

                runs.Sort((a, b) => b.CreatedAt.CompareTo(a.CreatedAt));
                await RunRenderer.WriteListAsync(environment.Out, runs, parse.GetValue(jsonOption));

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return list;
    }

    private static Command CreateShow(CliEnvironment environment, StoreSelection db)
    {
        var idArgument = new Argument<string>("run-id") { Description = "The run." };
        var show = new Command("show", "Show why a run was parked: its error, the failed step's attempts and its journal.") { idArgument };
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

                if (!Parked.Contains(run.Status))
                {
                    return await CommandFailure.ReportAsync(environment, ExitCodes.Failed, $"run '{runId}' is {StatusText.Of(run.Status)}, not dead-lettered or suspended; see 'foreman runs show {runId}'.");
                }

                var journal = await store.GetJournalAsync(runId, cancellationToken);
                var inbox = await store.GetInboxAsync(runId, cancellationToken);
                RunRenderer.Show(environment.Out, run, journal, inbox);
                await environment.Out.WriteLineAsync();
                await environment.Out.WriteLineAsync($"Fix the cause, then: foreman dlq requeue {runId}   (finished steps keep their results; the failed step runs again)");

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return show;
    }

    private static Command CreateRequeue(CliEnvironment environment, StoreSelection db)
    {
        var idArgument = new Argument<string>("run-id") { Description = "The run." };
        var requeue = new Command("requeue", "Put a dead-lettered or suspended run back in the queue; finished steps keep their results.") { idArgument };
        requeue.SetAction(async (parse, cancellationToken) =>
        {
            return await WorkflowStores.UseExistingAsync(environment, db.Resolve(parse, environment), async store =>
            {
                var runId = parse.GetRequiredValue(idArgument);
                var status = await new WorkflowEngine(store, []).RequeueAsync(runId, cancellationToken);
                return await RunChangeReport.ReportAsync(
                    environment,
                    store,
                    runId,
                    status,
                    $"Re-queued {runId}: it is pending and the next worker to poll runs it.",
                    current => $"run '{runId}' is {current}; only dead-lettered and suspended runs can be re-queued.",
                    cancellationToken);
            }, cancellationToken);
        });
        return requeue;
    }
}
