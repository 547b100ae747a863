using Foreman.Reviews;

namespace Foreman.Workflows.StoreContract.Reviews;

/// <summary>Creating, reading and listing items.</summary>
public abstract partial class ReviewStoreContractTests
{
    /// <summary>A created item reads back field for field, pending and undelivered.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CreateAsync_NewItem_RoundTripsPending()
    {
        var item = Item("rev_a");
        var store = await CreateStoreAsync();

        var (created, isNew) = await store.CreateAsync(item, Ct);
        var read = await store.GetAsync("rev_a", Ct);

        isNew.ShouldBeTrue();
        foreach (var stored in new[] { created, read! })
        {
            stored.ShouldNotBeNull();
            stored.Status.ShouldBe(ReviewStatus.Pending);
            stored.Delivered.ShouldBeFalse();
            stored.DecidedAt.ShouldBeNull();
            stored.DecidedBy.ShouldBeNull();
            stored.ApprovedActionHash.ShouldBeNull();
            (stored with { Packet = item.Packet }).ShouldBe(item);
            stored.Packet.Goal.ShouldBe(item.Packet.Goal);
            stored.Packet.DecisionNeeded.ShouldBe(item.Packet.DecisionNeeded);
            stored.Packet.Options.ShouldBe(item.Packet.Options);
            stored.Packet.Evidence.ShouldBe(item.Packet.Evidence);
            stored.Packet.Confidence.ShouldBe(item.Packet.Confidence);
            stored.Packet.Amount.ShouldBe(item.Packet.Amount);
            stored.Packet.Currency.ShouldBe(item.Packet.Currency);
            stored.Packet.Urgency.ShouldBe(item.Packet.Urgency);
            stored.Packet.Analysis.ShouldBe(item.Packet.Analysis);
        }
    }

    /// <summary>Creating an existing id changes nothing and returns the stored item.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CreateAsync_SameIdTwice_KeepsTheFirst()
    {
        var store = await StoreWithAsync(Item("rev_a", amount: 10m));

        var (second, created) = await store.CreateAsync(Item("rev_a", T0.AddHours(1), queue: "other", amount: 99m), Ct);

        created.ShouldBeFalse();
        second.CreatedAt.ShouldBe(T0);
        second.Queue.ShouldBe("finance");
        second.Packet.Amount.ShouldBe(10m);
        (await store.ListAsync(new ReviewQuery(), Ct)).ShouldHaveSingleItem();
    }

    /// <summary>Creating an id that was already decided leaves the decision alone.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CreateAsync_AfterDecision_KeepsTheDecision()
    {
        var store = await StoreWithAsync(Item("rev_a"));
        await DecideAsync(store, "rev_a", Approve(), T0.AddMinutes(1));

        var (again, created) = await store.CreateAsync(Item("rev_a"), Ct);

        created.ShouldBeFalse();
        again.Status.ShouldBe(ReviewStatus.Approved);
        again.DecidedBy.ShouldBe("alice");
    }

    /// <summary>Concurrent creations of one id create it exactly once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CreateAsync_Concurrent_CreatesOnce()
    {
        var store = await CreateStoreAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racers = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await store.CreateAsync(Item("rev_a"), Ct);
        })).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(racers);

        results.Count(r => r.Created).ShouldBe(1);
        results.ShouldAllBe(r => r.Item.ItemId == "rev_a");
    }

    /// <summary>An unknown id reads as null.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetAsync_Unknown_ReturnsNull()
    {
        var store = await StoreWithAsync(Item("rev_a"));

        (await store.GetAsync("rev_missing", Ct)).ShouldBeNull();
    }

    /// <summary>Listing filters by status, queue and run (combined), oldest first.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListAsync_Filters_MatchAndOrderOldestFirst()
    {
        var store = await StoreWithAsync(
            Item("rev_c", T0.AddMinutes(3), queue: "finance", runId: "run-2"),
            Item("rev_a", T0.AddMinutes(1), queue: "finance", runId: "run-1"),
            Item("rev_b", T0.AddMinutes(2), queue: "support", runId: "run-1"),
            Item("rev_d", T0.AddMinutes(4), queue: "finance", runId: "run-1"));
        await DecideAsync(store, "rev_d", Approve(), T0.AddMinutes(5));

        static IEnumerable<string> Ids(IReadOnlyList<ReviewItem> items) => items.Select(i => i.ItemId);
        Ids(await store.ListAsync(new ReviewQuery(), Ct)).ShouldBe(["rev_a", "rev_b", "rev_c", "rev_d"]);
        Ids(await store.ListAsync(new ReviewQuery(Status: ReviewStatus.Pending), Ct)).ShouldBe(["rev_a", "rev_b", "rev_c"]);
        Ids(await store.ListAsync(new ReviewQuery(Status: ReviewStatus.Approved), Ct)).ShouldBe(["rev_d"]);
        Ids(await store.ListAsync(new ReviewQuery(Queue: "finance"), Ct)).ShouldBe(["rev_a", "rev_c", "rev_d"]);
        Ids(await store.ListAsync(new ReviewQuery(RunId: "run-1"), Ct)).ShouldBe(["rev_a", "rev_b", "rev_d"]);
        Ids(await store.ListAsync(new ReviewQuery(ReviewStatus.Pending, "finance", "run-1"), Ct)).ShouldBe(["rev_a"]);
        (await store.ListAsync(new ReviewQuery(Queue: "nobody"), Ct)).ShouldBeEmpty();
    }

    /// <summary>Another store over the same database sees items and decisions (another process, or a restart).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task OpenSameDatabase_SeesItemsAndDecisions()
    {
        var store = await StoreWithAsync(Item("rev_a"), Item("rev_b", T0.AddMinutes(1)));
        await DecideAsync(store, "rev_a", Approve(), T0.AddMinutes(2));

        var other = await OpenSameDatabaseAsync();

        (await other.GetAsync("rev_a", Ct))!.Status.ShouldBe(ReviewStatus.Approved);
        (await other.DecideAsync("rev_a", Approve("bob"), "h", T0.AddMinutes(3), Ct)).Status.ShouldBe(DecideStatus.Conflict);
        (await other.ListUndeliveredAsync(Ct)).Select(i => i.ItemId).ShouldBe(["rev_a"]);
        (await other.ListAsync(new ReviewQuery(Status: ReviewStatus.Pending), Ct)).Select(i => i.ItemId).ShouldBe(["rev_b"]);
    }
}
