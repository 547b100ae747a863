using Foreman.Workflows.Storage;

namespace Foreman.Workflows.StoreContract;

/// <summary>Reading runs: get, list (newest first, filters, cursor), counts, times.</summary>
public abstract partial class WorkflowStoreContractTests
{
    [Fact]
    public async Task GetRunAsync_UnknownRun_ReturnsNull()
    {
        var store = await NewStoreAsync();

        (await store.GetRunAsync("missing", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task GetJournalAndInbox_UnknownRun_ReturnEmpty()
    {
        var store = await NewStoreAsync();

        (await store.GetJournalAsync("missing", Ct)).ShouldBeEmpty();
        (await store.GetInboxAsync("missing", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListRunsAsync_Runs_ReturnsNewestFirst()
    {
        var store = await NewStoreAsync();
        foreach (var (id, second) in new[] { ("run-c", 3), ("run-a", 1), ("run-e", 5), ("run-b", 2), ("run-d", 4) })
        {
            await store.CreateRunAsync(Run(id, createdAt: T0.AddSeconds(second)), Ct);
        }

        var runs = await store.ListRunsAsync(new RunQuery(), Ct);

        runs.Select(r => r.RunId).ShouldBe(["run-e", "run-d", "run-c", "run-b", "run-a"]);
    }

    [Fact]
    public async Task ListRunsAsync_SameCreationTime_OrdersByIdDescending()
    {
        var store = await NewStoreAsync();
        foreach (var id in new[] { "run-b", "run-c", "run-a" })
        {
            await store.CreateRunAsync(Run(id), Ct);
        }

        var runs = await store.ListRunsAsync(new RunQuery(), Ct);

        runs.Select(r => r.RunId).ShouldBe(["run-c", "run-b", "run-a"]);
    }

    [Fact]
    public async Task ListRunsAsync_StatusFilter_ReturnsOnlyThatStatus()
    {
        var store = await NewStoreAsync();
        var running = await StartAsync(store);
        var pending = await CreateAsync(store, T0.AddSeconds(1));

        (await store.ListRunsAsync(new RunQuery { Status = RunStatus.Pending }, Ct)).Select(r => r.RunId).ShouldBe([pending.RunId]);
        (await store.ListRunsAsync(new RunQuery { Status = RunStatus.Running }, Ct)).Select(r => r.RunId).ShouldBe([running.RunId]);
        (await store.ListRunsAsync(new RunQuery { Status = RunStatus.Completed }, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListRunsAsync_WorkflowFilter_ReturnsOnlyThatWorkflow()
    {
        var store = await NewStoreAsync();
        var order = await CreateAsync(store, T0, workflow: "orders");
        var refund1 = await CreateAsync(store, T0.AddSeconds(1), workflow: "refunds");
        var refund2 = await CreateAsync(store, T0.AddSeconds(2), workflow: "refunds");

        (await store.ListRunsAsync(new RunQuery { Workflow = "refunds" }, Ct)).Select(r => r.RunId).ShouldBe([refund2.RunId, refund1.RunId]);
        (await store.ListRunsAsync(new RunQuery { Workflow = "orders", Status = RunStatus.Pending }, Ct)).Select(r => r.RunId).ShouldBe([order.RunId]);
        (await store.ListRunsAsync(new RunQuery { Workflow = "none" }, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListRunsAsync_LimitAndCursor_PagesThroughAllRunsOnce()
    {
        var store = await NewStoreAsync();
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            // Pairs share a creation time, so the cursor must break ties by id.
            ids.Add((await CreateAsync(store, T0.AddSeconds(i / 2))).RunId);
        }

        var pages = new List<IReadOnlyList<RunRecord>>();
        string? cursor = null;
        do
        {
            var page = await store.ListRunsAsync(new RunQuery { Limit = 3, Before = cursor }, Ct);
            pages.Add(page);
            cursor = page.Count == 3 ? page[^1].RunId : null;
        }
        while (cursor is not null);

        pages.Select(p => p.Count).ShouldBe([3, 3, 1]);
        pages.SelectMany(p => p).Select(r => r.RunId).ShouldBe(Enumerable.Reverse(ids));
    }

    [Fact]
    public async Task ListRunsAsync_CursorWithFilter_AppliesBoth()
    {
        var store = await NewStoreAsync();
        var a = await CreateAsync(store, T0, workflow: "refunds");
        await CreateAsync(store, T0.AddSeconds(1), workflow: "orders");
        var c = await CreateAsync(store, T0.AddSeconds(2), workflow: "refunds");

        var runs = await store.ListRunsAsync(new RunQuery { Workflow = "refunds", Before = c.RunId }, Ct);

        runs.Select(r => r.RunId).ShouldBe([a.RunId]);
    }

    [Fact]
    public async Task ListRunsAsync_UnknownCursor_ReturnsNothing()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store);

        (await store.ListRunsAsync(new RunQuery { Before = "missing" }, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CountByStatusAsync_Runs_CountsEachStatus()
    {
        var store = await NewStoreAsync();
        var completed = await StartAsync(store);
        await MoveAsync(store, completed, To(RunStatus.Completed, output: "1"));
        await StartAsync(store);
        await CreateAsync(store);
        await CreateAsync(store);

        var counts = await store.CountByStatusAsync(Ct);

        counts[RunStatus.Pending].ShouldBe(2);
        counts[RunStatus.Running].ShouldBe(1);
        counts[RunStatus.Completed].ShouldBe(1);
        counts.GetValueOrDefault(RunStatus.Failed).ShouldBe(0);
    }

    [Fact]
    public async Task Times_RoundTripToTheMillisecond()
    {
        var store = await NewStoreAsync();
        var createdAt = new DateTimeOffset(2026, 3, 1, 11, 30, 15, 987, TimeSpan.FromHours(2));
        var run = await StartAsync(store, createdAt);
        var due = createdAt.AddMinutes(5).AddMilliseconds(1);
        var entry = Entry(run.RunId, 1, JournalEntryState.Retrying, recordedAt: createdAt.AddMilliseconds(7)) with { DueAt = due };

        await store.CommitAsync(Commit(run, [entry], To(RunStatus.Waiting, wakeAt: due), at: createdAt.AddMilliseconds(9)), Ct);

        var stored = await GetAsync(store, run.RunId);
        stored.CreatedAt.ShouldBe(createdAt);
        stored.UpdatedAt.ShouldBe(createdAt.AddMilliseconds(9));
        stored.WakeAt.ShouldBe(due);
        var journal = await store.GetJournalAsync(run.RunId, Ct);
        journal[0].DueAt.ShouldBe(due);
        journal[0].RecordedAt.ShouldBe(createdAt.AddMilliseconds(7));
    }
}
