using Foreman.Sqlite;
using Foreman.Testing;
using Foreman.TestSupport;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows.Tests;

/// <summary>
/// A workflow engine on a real SQLite file with a fake clock, and a worker that can be stopped and restarted on the
/// same file to simulate a process restart.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("foreman-engine-").FullName;
    private readonly IWorkflow[] _workflows;
    private BackgroundWorker? _worker;

    private EngineHarness(IWorkflow[] workflows) => _workflows = workflows;

    /// <summary>
    /// Gets the lease: long compared with the clock ticks tests use, so that advancing the fake clock never takes a
    /// run away from a live worker (a restarted worker must wait for it, as in production).
    /// </summary>
    public static TimeSpan LeaseDuration { get; } = TimeSpan.FromMinutes(10);

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    public SqliteWorkflowStore Store { get; private set; } = null!;

    public WorkflowEngine Engine { get; private set; } = null!;

    public string DatabasePath => Path.Combine(_folder, "foreman.db");

    public static async Task<EngineHarness> StartAsync(params IWorkflow[] workflows)
    {
        var harness = new EngineHarness(workflows);
        await harness.OpenAsync(workflows);
        harness.StartWorker();
        return harness;
    }

    /// <summary>Stops the worker and closes the store, then opens both again on the same file, optionally with other workflow code.</summary>
    public async Task RestartAsync(params IWorkflow[] workflows)
    {
        await StopWorkerAsync();
        await Store.DisposeAsync();
        await OpenAsync(workflows.Length > 0 ? workflows : _workflows);
        StartWorker();
    }

    public async Task StopWorkerAsync()
    {
        if (_worker is { } worker)
        {
            _worker = null;
            await worker.StopAsync();
        }
    }

    public void StartWorker() => _worker = BackgroundWorker.Start(Engine, "test-worker", LeaseDuration);

    /// <summary>Waits (in real time, bounded) until the run reaches one of the statuses, advancing the fake clock by <paramref name="tick"/> each round.</summary>
    public async Task<RunRecord> WaitForAsync(string runId, TimeSpan? tick = null, params RunStatus[] statuses)
    {
        var wanted = statuses.Length > 0 ? statuses : [RunStatus.Completed, RunStatus.Failed, RunStatus.DeadLettered, RunStatus.Suspended, RunStatus.Cancelled];
        if (await Eventually.PollAsync(() => RunWhereAsync(runId, run => wanted.Contains(run.Status)), Clock, tick) is { } reached)
        {
            return reached;
        }

        var last = await Store.GetRunAsync(runId, CancellationToken.None);
        throw new TimeoutException($"Run {runId} did not reach {string.Join("/", wanted)}; it is {last?.Status} ({last?.Error}).");
    }

    /// <summary>Waits (bounded) until the run satisfies <paramref name="condition"/>, advancing the clock by <paramref name="tick"/> between looks.</summary>
    public async Task<RunRecord> WaitUntilAsync(string runId, Func<RunRecord, bool> condition, TimeSpan tick)
    {
        if (await Eventually.PollAsync(() => RunWhereAsync(runId, condition), Clock, tick) is { } met)
        {
            return met;
        }

        var last = await Store.GetRunAsync(runId, CancellationToken.None);
        throw new TimeoutException($"Run {runId} never met the condition; it is {last?.Status} in {last?.BusinessState} waiting for [{string.Join(", ", last?.WaitingFor ?? [])}].");
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS: the temp folder is cleaned up later.
        }
    }

    private async Task<RunRecord?> RunWhereAsync(string runId, Func<RunRecord, bool> condition) =>
        await Store.GetRunAsync(runId, CancellationToken.None) is { } run && condition(run) ? run : null;

    private async Task OpenAsync(IWorkflow[] workflows)
    {
        Store = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = DatabasePath });
        await Store.InitializeAsync(CancellationToken.None);
        Engine = new WorkflowEngine(Store, workflows, new WorkflowEngineOptions { TimeProvider = Clock });
    }
}
