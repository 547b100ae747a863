using Foreman.Workflows.Storage;
using Microsoft.Data.Sqlite;

namespace Foreman.Sqlite.Tests;

/// <summary>The group-commit writer: batching, isolation of refused writes, batch failures, shutdown.</summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly TempDatabase _database = new();
    private readonly List<SqliteWorkflowStore> _stores = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _database.Dispose();
    }

    [Fact]
    public async Task CommitAsync_TwoHundredConcurrentCommits_FarFewerTransactions()
    {
        var store = await OpenAsync();
        var runs = await StartRunsAsync(store, 200);
        var before = store.CommittedTransactions;

        var results = await Task.WhenAll(runs.Select(run => Task.Run(() => store.CommitAsync(StepCommit(run, 1), CancellationToken.None))));

        results.ShouldAllBe(r => r.Status == CommitStatus.Committed);
        var transactions = store.CommittedTransactions - before;
        transactions.ShouldBeLessThan(100);
        transactions.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task CommitAsync_WritesQueuedWhileTheWriterWaits_CommitInOneTransaction()
    {
        var store = await OpenAsync();
        var runs = await StartRunsAsync(store, 200);
        var before = (store.CommittedTransactions, store.CommittedWrites);

        List<Task<CommitResult>> commits;
        using (var external = new ExternalWriteLock(_database.Path))
        {
            var primer = BlockWriter(store);
            commits = runs.Select(run => store.CommitAsync(StepCommit(run, 1), CancellationToken.None)).ToList();
            external.Release();
            await primer;
        }

        (await Task.WhenAll(commits)).ShouldAllBe(r => r.Status == CommitStatus.Committed);
        (store.CommittedTransactions - before.CommittedTransactions).ShouldBe(2);
        (store.CommittedWrites - before.CommittedWrites).ShouldBe(201);
    }

    [Fact]
    public async Task CommitAsync_MoreQueuedThanMaxBatchSize_SplitsIntoBatches()
    {
        var store = await OpenAsync(new SqliteWorkflowStoreOptions { DatabasePath = _database.Path, MaxBatchSize = 50 });
        var runs = await StartRunsAsync(store, 200);
        var before = store.CommittedTransactions;

        List<Task<CommitResult>> commits;
        using (var external = new ExternalWriteLock(_database.Path))
        {
            var primer = BlockWriter(store);
            commits = runs.Select(run => store.CommitAsync(StepCommit(run, 1), CancellationToken.None)).ToList();
            external.Release();
            await primer;
        }

        (await Task.WhenAll(commits)).ShouldAllBe(r => r.Status == CommitStatus.Committed);
        (store.CommittedTransactions - before).ShouldBe(5);
    }

    [Fact]
    public async Task Batch_WithRefusedAndFailingWrites_CommitsTheOthers()
    {
        var store = await OpenAsync();
        var runs = await StartRunsAsync(store, 3);
        var stale = runs[1];
        await store.CancelAsync(stale.RunId, "operator", T0, CancellationToken.None);
        var before = store.CommittedTransactions;

        Task<CommitResult> first, fenced, last;
        Task duplicate;
        using (var external = new ExternalWriteLock(_database.Path))
        {
            var primer = BlockWriter(store);
            first = store.CommitAsync(StepCommit(runs[0], 1), CancellationToken.None);
            fenced = store.CommitAsync(StepCommit(stale, 1), CancellationToken.None);
            duplicate = store.CreateRunAsync(new NewRun(runs[0].RunId, "orders", "{}", null, null, T0), CancellationToken.None);
            last = store.CommitAsync(StepCommit(runs[2], 1), CancellationToken.None);
            external.Release();
            await primer;
        }

        (await first).Status.ShouldBe(CommitStatus.Committed);
        (await fenced).Status.ShouldBe(CommitStatus.Fenced);
        await Should.ThrowAsync<InvalidOperationException>(() => duplicate);
        (await last).Status.ShouldBe(CommitStatus.Committed);
        (store.CommittedTransactions - before).ShouldBe(2);
        (await store.GetJournalAsync(runs[0].RunId, CancellationToken.None)).Count.ShouldBe(1);
        (await store.GetJournalAsync(stale.RunId, CancellationToken.None)).ShouldBeEmpty();
        (await store.GetJournalAsync(runs[2].RunId, CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Batch_WriteFailingHalfway_IsUndoneAloneAndTheOthersCommit()
    {
        var store = await OpenAsync();
        var runs = await StartRunsAsync(store, 3);
        var broken = StepCommit(runs[1], 1) is var commit
            ? commit with { Entries = [commit.Entries[0], commit.Entries[0] with { Sequence = 2, Kind = (JournalEntryKind)99 }], BusinessState = "half" }
            : null!;

        Task<CommitResult> first, failing, last;
        using (var external = new ExternalWriteLock(_database.Path))
        {
            var primer = BlockWriter(store);
            first = store.CommitAsync(StepCommit(runs[0], 1), CancellationToken.None);
            failing = store.CommitAsync(broken, CancellationToken.None);
            last = store.CommitAsync(StepCommit(runs[2], 1), CancellationToken.None);
            external.Release();
            await primer;
        }

        (await first).Status.ShouldBe(CommitStatus.Committed);
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => failing);
        (await last).Status.ShouldBe(CommitStatus.Committed);
        (await store.GetJournalAsync(runs[1].RunId, CancellationToken.None)).ShouldBeEmpty();
        var untouched = (await store.GetRunAsync(runs[1].RunId, CancellationToken.None))!;
        untouched.Version.ShouldBe(runs[1].Version);
        untouched.BusinessState.ShouldBeNull();
    }

    [Fact]
    public async Task CommitAsync_LoneWriteFailingHalfway_WritesNothingAndTheWriterGoesOn()
    {
        var store = await OpenAsync();
        var run = (await StartRunsAsync(store, 1))[0];
        var commit = StepCommit(run, 1);

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.CommitAsync(commit with { Entries = [commit.Entries[0], commit.Entries[0] with { Sequence = 2, Kind = (JournalEntryKind)99 }] }, CancellationToken.None));

        (await store.GetJournalAsync(run.RunId, CancellationToken.None)).ShouldBeEmpty();
        (await store.CommitAsync(commit, CancellationToken.None)).Status.ShouldBe(CommitStatus.Committed);
        (await store.GetJournalAsync(run.RunId, CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Batch_TransactionFails_EveryCallerGetsTheErrorAndTheWriterGoesOn()
    {
        var store = await OpenAsync(new SqliteWorkflowStoreOptions { DatabasePath = _database.Path, BusyTimeout = TimeSpan.FromMilliseconds(100) });
        var runs = await StartRunsAsync(store, 3);

        // The lock outlives the busy timeout, so BEGIN IMMEDIATE fails the whole batch.
        Task<CommitResult>[] commits;
        using (new ExternalWriteLock(_database.Path))
        {
            commits = runs.Select(run => store.CommitAsync(StepCommit(run, 1), CancellationToken.None)).ToArray();
            foreach (var commit in commits)
            {
                var error = await Should.ThrowAsync<SqliteException>(() => commit);
                error.SqliteErrorCode.ShouldBe(5);
            }
        }

        foreach (var run in runs)
        {
            (await store.GetJournalAsync(run.RunId, CancellationToken.None)).ShouldBeEmpty();
        }

        (await store.CommitAsync(StepCommit(runs[0], 1), CancellationToken.None)).Status.ShouldBe(CommitStatus.Committed);
        (await store.GetJournalAsync(runs[0].RunId, CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task CommitAsync_CancelledWhileQueued_CancelledAndNotWritten()
    {
        var store = await OpenAsync();
        var run = (await StartRunsAsync(store, 1))[0];
        using var cancellation = new CancellationTokenSource();

        Task<CommitResult> commit;
        using (var external = new ExternalWriteLock(_database.Path))
        {
            var primer = BlockWriter(store);
            commit = store.CommitAsync(StepCommit(run, 1), cancellation.Token);
            await cancellation.CancelAsync();
            external.Release();
            await primer;
        }

        await Should.ThrowAsync<OperationCanceledException>(() => commit);
        (await store.GetJournalAsync(run.RunId, CancellationToken.None)).ShouldBeEmpty();
        (await store.CommitAsync(StepCommit(run, 1), cancellation.Token).ContinueWith(t => t.IsCanceled, TaskScheduler.Default)).ShouldBeTrue();
    }

    [Fact]
    public async Task DisposeAsync_WritesStillQueued_AreAppliedBeforeItReturns()
    {
        var store = await OpenAsync();
        var runs = await StartRunsAsync(store, 50);

        List<Task<CommitResult>> commits;
        using (var external = new ExternalWriteLock(_database.Path))
        {
            var primer = BlockWriter(store);
            commits = runs.Select(run => store.CommitAsync(StepCommit(run, 1), CancellationToken.None)).ToList();
            var disposing = store.DisposeAsync().AsTask();
            external.Release();
            await primer;
            await disposing;
        }

        commits.ShouldAllBe(c => c.IsCompletedSuccessfully && c.Result.Status == CommitStatus.Committed);
        await using var reopened = new SqliteWorkflowStore(_database.Options());
        await reopened.InitializeAsync(CancellationToken.None);
        foreach (var run in runs)
        {
            (await reopened.GetJournalAsync(run.RunId, CancellationToken.None)).Count.ShouldBe(1);
        }
    }

    [Fact]
    public async Task Reads_WhileAnotherProcessHoldsTheWriteLock_DoNotWait()
    {
        var store = await OpenAsync(new SqliteWorkflowStoreOptions { DatabasePath = _database.Path, BusyTimeout = TimeSpan.FromMilliseconds(100) });
        var run = (await StartRunsAsync(store, 1))[0];

        using var external = new ExternalWriteLock(_database.Path);

        (await store.GetRunAsync(run.RunId, CancellationToken.None)).ShouldNotBeNull();
        (await store.ListRunsAsync(new RunQuery(), CancellationToken.None)).Count.ShouldBe(1);
        (await store.CountByStatusAsync(CancellationToken.None))[RunStatus.Running].ShouldBe(1);
    }

    [Fact]
    public async Task TwoStoresOnOneFile_ConcurrentWorkflows_AllStepsRecorded()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        var runs = await StartRunsAsync(first, 16);

        await Task.WhenAll(runs.Select((run, i) => Task.Run(async () =>
        {
            var store = i % 2 == 0 ? first : second;
            for (var step = 1; step <= 20; step++)
            {
                (await store.CommitAsync(StepCommit(run, step), CancellationToken.None)).Status.ShouldBe(CommitStatus.Committed);
            }
        })));

        foreach (var run in runs)
        {
            (await second.GetJournalAsync(run.RunId, CancellationToken.None)).Count.ShouldBe(20);
            (await first.GetRunAsync(run.RunId, CancellationToken.None))!.Version.ShouldBe(run.Version + 20);
        }
    }

    [Fact]
    public async Task ClaimAndWakeQueries_UseTheDueIndex()
    {
        await OpenAsync();

        var claimPlan = string.Join("\n", RawDatabase.Rows(_database.Path, "EXPLAIN QUERY PLAN SELECT run_id FROM runs WHERE status = 'waiting' AND due_at <= 5 ORDER BY due_at LIMIT 3").Select(r => r["detail"]));
        var wakePlan = string.Join("\n", RawDatabase.Rows(_database.Path, "EXPLAIN QUERY PLAN SELECT min(due_at) FROM runs WHERE status = 'waiting' AND due_at IS NOT NULL").Select(r => r["detail"]));

        claimPlan.ShouldContain("ix_runs_due");
        wakePlan.ShouldContain("ix_runs_due");
    }

    private static RunCommit StepCommit(RunRecord run, int sequence) => new()
    {
        RunId = run.RunId,
        Epoch = run.Epoch,
        Entries =
        [
            new JournalEntry
            {
                RunId = run.RunId,
                Sequence = sequence,
                Key = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Kind = JournalEntryKind.Step,
                Name = "step",
                State = JournalEntryState.Completed,
                Payload = "1",
                Attempts = 1,
                RecordedAt = T0,
            },
        ],
        At = T0,
    };

    private static async Task<List<RunRecord>> StartRunsAsync(SqliteWorkflowStore store, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await store.CreateRunAsync(new NewRun($"run-{i:D3}", "orders", "{}", null, null, T0.AddMilliseconds(i)), CancellationToken.None);
        }

        var claimed = await store.ClaimAsync("worker", count, Lease, T0, CancellationToken.None);
        claimed.Count.ShouldBe(count);
        return [.. claimed];
    }

    /// <summary>
    /// Queues one write and waits until the writer has taken it (and is blocked behind the external lock), so
    /// everything queued next lands in the following batch.
    /// </summary>
    private static Task<DeliveryStatus> BlockWriter(SqliteWorkflowStore store)
    {
        var batches = store.StartedBatches;
        var primer = store.DeliverEventAsync("no-such-run", "primer", "{}", null, T0, CancellationToken.None);
        SpinWait.SpinUntil(() => store.StartedBatches > batches, TimeSpan.FromSeconds(30)).ShouldBeTrue();
        return primer;
    }

    private async Task<SqliteWorkflowStore> OpenAsync(SqliteWorkflowStoreOptions? options = null)
    {
        var store = new SqliteWorkflowStore(options ?? _database.Options());
        _stores.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
