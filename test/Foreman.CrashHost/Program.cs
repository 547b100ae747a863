using System.Globalization;
using Foreman.CrashHost;
using Foreman.Postgres;
using Foreman.Sqlite;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

// A worker process for the crash test. It prints "ready" once its worker runs, and is meant to be killed with SIGKILL
// at any moment; with --exit-when-done it stops by itself when no run is left to execute.
var options = HostOptions.Parse(args);
var workerId = string.Create(CultureInfo.InvariantCulture, $"crash-host-{Environment.ProcessId}");
using var ledger = new Ledger(options.Ledger, workerId);
await using var store = new FencingReporter(options.Store == "postgres"
    ? new PostgresWorkflowStore(new PostgresWorkflowStoreOptions { ConnectionString = options.Connection!, Schema = options.Schema })
    : new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = options.Database, Synchronous = SqliteSynchronousMode.Full }));
await store.InitializeAsync(CancellationToken.None);
var engine = new WorkflowEngine(store, [new LedgerWorkflow(ledger, options.EffectDelay)]);
var worker = new WorkflowWorker(engine, new WorkflowWorkerOptions
{
    WorkerId = workerId,
    MaxConcurrentRuns = options.Concurrency,
    LeaseDuration = options.Lease,
    PollInterval = options.Poll,
});

using var stop = new CancellationTokenSource();
var running = worker.RunAsync(stop.Token);
Console.Out.WriteLine($"ready {workerId}");
Console.Out.Flush();

if (options.ExitWhenDone)
{
    while (true)
    {
        IReadOnlyDictionary<RunStatus, long> counts;
        try
        {
            counts = await store.CountByStatusAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database is restarting: the worker reconnects by itself, and so does this check.
            await Task.Delay(options.Poll, TimeProvider.System, CancellationToken.None);
            continue;
        }

        var open = counts.Where(c => !RunLifecycle.IsTerminal(c.Key)).Sum(c => c.Value);
        if (open == 0)
        {
            break;
        }

        await Task.Delay(options.Poll, TimeProvider.System, CancellationToken.None);
    }

    await stop.CancelAsync();
    await running;
    Console.Out.WriteLine("done");
    return 0;
}

await running;
return 0;
