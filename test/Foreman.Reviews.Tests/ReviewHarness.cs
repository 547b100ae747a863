using Foreman.Autonomy;
using Foreman.Reviews;
using Foreman.Sqlite;
using Foreman.Testing;
using Foreman.TestSupport;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Reviews.Tests;

/// <summary>
/// The workflow store and the review store on one real SQLite file, a fake clock, and a worker that can be
/// stopped and started again on the same file (a process restart).
/// </summary>
internal sealed class ReviewHarness : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("foreman-reviews-").FullName;
    private BackgroundWorker? _worker;
    private Func<ReviewHarness, IWorkflow[]> _workflows = _ => [];

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    public string DatabasePath => Path.Combine(_folder, "foreman.db");

    public SqliteWorkflowStore Store { get; private set; } = null!;

    public SqliteReviewStore Reviews { get; private set; } = null!;

    public WorkflowEngine Engine { get; private set; } = null!;

    public ReviewService Service { get; private set; } = null!;

    public AutonomyPolicy Policy { get; set; } = new([]);

    public AutonomyTracker Tracker => new(Reviews, Policy, new LevelAdjuster(), Clock);

    public static async Task<ReviewHarness> OpenAsync()
    {
        var harness = new ReviewHarness();
        await harness.OpenStoresAsync();
        return harness;
    }

    /// <summary>Registers workflows (built against this harness's stores) and starts a worker.</summary>
    public async Task StartAsync(Func<ReviewHarness, IWorkflow[]> workflows)
    {
        _workflows = workflows;
        await OpenStoresAsync();
        StartWorker();
    }

    public ReviewGate Gate(ReviewGateOptions options) => new(Reviews, Tracker, options);

    /// <summary>Stops the worker and closes the stores, then opens everything again on the same file.</summary>
    public async Task RestartAsync()
    {
        await StopWorkerAsync();
        await OpenStoresAsync();
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

    /// <summary>Waits (bounded, real time) until the condition holds, advancing the fake clock by <paramref name="tick"/> between looks.</summary>
    public async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan? tick = null, string what = "the condition")
        where T : class =>
        await Eventually.PollAsync(probe, Clock, tick) ?? throw new TimeoutException($"Timed out waiting for {what}.");

    public Task<RunRecord> RunReachesAsync(string runId, RunStatus status, TimeSpan? tick = null) =>
        EventuallyAsync(async () => await Store.GetRunAsync(runId, CancellationToken.None) is { } run && run.Status == status ? run : null, tick, $"{runId} to be {status}");

    public Task<ReviewItem> PendingItemAsync(string runId, string? queue = null) =>
        EventuallyAsync(async () => (await Reviews.ListAsync(new ReviewQuery(ReviewStatus.Pending, queue, runId), CancellationToken.None)).FirstOrDefault(), null, $"a pending item for {runId}");

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

    private async Task OpenStoresAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        Store = new SqliteWorkflowStore(new SqliteWorkflowStoreOptions { DatabasePath = DatabasePath });
        await Store.InitializeAsync(CancellationToken.None);
        Reviews = new SqliteReviewStore(new SqliteReviewStoreOptions { DatabasePath = DatabasePath });
        await Reviews.InitializeAsync(CancellationToken.None);
        Engine = new WorkflowEngine(Store, _workflows(this), new WorkflowEngineOptions { TimeProvider = Clock });
        Service = new ReviewService(Reviews, Engine, Clock);
    }

    private void StartWorker() => _worker = BackgroundWorker.Start(Engine, "review-worker", TimeSpan.FromMinutes(10));
}
