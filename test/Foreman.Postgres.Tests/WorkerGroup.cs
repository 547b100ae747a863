using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Postgres.Tests;

/// <summary>
/// Several workers in this process, each with its own store (its own connection pool and listening connection), as
/// separate nodes would have; plus a store for the test to submit and inspect with.
/// </summary>
internal sealed class WorkerGroup : IAsyncDisposable
{
    private readonly List<PostgresWorkflowStore> _stores = [];
    private readonly List<Task> _running = [];
    private readonly CancellationTokenSource _stop = new();

    private WorkerGroup(PostgresWorkflowStore control, WorkflowEngine engine)
    {
        Control = control;
        Engine = engine;
    }

    /// <summary>Gets the test's own store.</summary>
    public PostgresWorkflowStore Control { get; }

    /// <summary>Gets an engine on the test's store, for submitting.</summary>
    public WorkflowEngine Engine { get; }

    public static async Task<WorkerGroup> StartAsync(PostgresCluster cluster, string schema, int workers, IReadOnlyList<IWorkflow> workflows, WorkflowWorkerOptions options)
    {
        var control = await OpenAsync(cluster, schema);
        var group = new WorkerGroup(control, new WorkflowEngine(control, workflows));
        for (var i = 0; i < workers; i++)
        {
            var store = await OpenAsync(cluster, schema);
            group._stores.Add(store);
            var worker = new WorkflowWorker(new WorkflowEngine(store, workflows), new WorkflowWorkerOptions
            {
                WorkerId = $"worker-{i}",
                MaxConcurrentRuns = options.MaxConcurrentRuns,
                LeaseDuration = options.LeaseDuration,
                PollInterval = options.PollInterval,
            });
            group._running.Add(worker.RunAsync(group._stop.Token));
        }

        return group;
    }

    public static async Task<PostgresWorkflowStore> OpenAsync(PostgresCluster cluster, string schema)
    {
        var store = new PostgresWorkflowStore(new PostgresWorkflowStoreOptions { ConnectionString = cluster.ConnectionString, Schema = schema, ReconnectDelay = TimeSpan.FromMilliseconds(200) });
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Waits until no run is left unfinished, or fails after <paramref name="limit"/>.</summary>
    public async Task WaitUntilAllFinishedAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            try
            {
                var counts = await Control.CountByStatusAsync(timeout.Token);
                if (counts.Where(c => !RunLifecycle.IsTerminal(c.Key)).Sum(c => c.Value) == 0)
                {
                    return;
                }
            }
            catch (Npgsql.NpgsqlException)
            {
                // The server is restarting; ask again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await Control.DisposeAsync();
        _stop.Dispose();
    }
}
