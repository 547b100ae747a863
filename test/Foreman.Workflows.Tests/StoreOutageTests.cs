using Foreman.Sqlite;
using Foreman.Testing;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows.Tests;

/// <summary>
/// A store that fails for a moment (a database restart, a dropped connection) must neither fail runs nor stop the
/// worker: the run is abandoned and resumed from its journal once its lease runs out.
/// </summary>
public sealed class StoreOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly string _folder = Directory.CreateTempSubdirectory("foreman-outage-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly CancellationTokenSource _stop = new();
    private FlakyStore _store = null!;
    private WorkflowEngine _engine = null!;
    private Task _worker = Task.CompletedTask;
    private int _executions;

    public async Task InitializeAsync()
    {
        var sqlite = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = Path.Combine(_folder, "foreman.db") });
        _store = new FlakyStore(sqlite);
        await _store.InitializeAsync(CancellationToken.None);
        var workflow = new DelegateWorkflow<int, int>("two-steps", async (context, input) =>
        {
            var first = await context.StepAsync("first", (_, _) =>
            {
                Interlocked.Increment(ref _executions);
                return Task.FromResult(input + 1);
            });
            return await context.StepAsync("second", (_, _) => Task.FromResult(first * 10));
        });
        _engine = new WorkflowEngine(_store, [workflow], new WorkflowEngineOptions { TimeProvider = _clock });
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _worker;
        await _store.DisposeAsync();
        _stop.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task StepCommitThrows_RunIsNotFailed_ResumesAfterItsLeaseAndCompletes()
    {
        _store.FailStepCommits(1);
        StartWorker();

        var (run, _) = await _engine.SubmitAsync("two-steps", 4);
        var finished = await WaitForFinishAsync(run.RunId, tick: Lease / 4);

        finished.Status.ShouldBe(RunStatus.Completed, finished.Error);
        finished.Output.ShouldBe("50");
        finished.Claims.ShouldBe(2);
        _executions.ShouldBe(2);
    }

    [Fact]
    public async Task NextWakeAtThrows_WorkerKeepsRunning()
    {
        _store.FailNextWakeAt(3);
        StartWorker();
        await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);

        var (run, _) = await _engine.SubmitAsync("two-steps", 1);
        var finished = await WaitForFinishAsync(run.RunId, tick: TimeSpan.FromSeconds(1));

        finished.Status.ShouldBe(RunStatus.Completed);
        _worker.IsFaulted.ShouldBeFalse();
    }

    private void StartWorker() =>
        _worker = new WorkflowWorker(_engine, new WorkflowWorkerOptions { WorkerId = "w", LeaseDuration = Lease, PollInterval = TimeSpan.FromSeconds(1) }).RunAsync(_stop.Token);

    private async Task<RunRecord> WaitForFinishAsync(string runId, TimeSpan tick)
    {
        for (var i = 0; i < 1_000; i++)
        {
            var run = await _store.GetRunAsync(runId, CancellationToken.None);
            if (run is { Status: RunStatus.Completed or RunStatus.Failed or RunStatus.DeadLettered or RunStatus.Suspended })
            {
                return run;
            }

            _worker.IsFaulted.ShouldBeFalse(_worker.Exception?.ToString());
            _clock.Advance(tick);
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }

        throw new TimeoutException($"Run {runId} did not finish.");
    }
}
