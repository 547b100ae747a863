using Foreman.Workflows.Storage;

namespace Foreman.Workflows.StoreContract;

/// <summary>Delivering events: waking, dedupe keys, ordering.</summary>
public abstract partial class WorkflowStoreContractTests
{
    [Fact]
    public async Task DeliverEventAsync_RunWaitingForIt_DeliveredAndRunPending()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        var waiting = await MoveAsync(store, run, To(RunStatus.Waiting, T0.AddDays(1), ["approval"]));
        var now = T0.AddMinutes(5);

        var status = await store.DeliverEventAsync(run.RunId, "approval", """{"by":"ana"}""", "approval-1", now, Ct);

        status.ShouldBe(DeliveryStatus.Delivered);
        var stored = await GetAsync(store, run.RunId);
        stored.Status.ShouldBe(RunStatus.Pending);
        stored.WakeAt.ShouldBeNull();
        stored.WaitingFor.ShouldBeEmpty();
        stored.Version.ShouldBe(waiting.Version + 1);
        stored.UpdatedAt.ShouldBe(now);
        var claimed = (await store.ClaimAsync("worker-b", 1, Lease, now, Ct)).ShouldHaveSingleItem();
        claimed.RunId.ShouldBe(run.RunId);
        (await store.GetInboxAsync(run.RunId, Ct)).ShouldHaveSingleItem().Payload.ShouldBe("""{"by":"ana"}""");
    }

    [Fact]
    public async Task DeliverEventAsync_RunWaitingForAnotherEvent_StoredAndRunKeepsWaiting()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        var wakeAt = T0.AddDays(1);
        await MoveAsync(store, run, To(RunStatus.Waiting, wakeAt, ["approval"]));

        (await store.DeliverEventAsync(run.RunId, "comment", "{}", null, T0, Ct)).ShouldBe(DeliveryStatus.Delivered);

        var stored = await GetAsync(store, run.RunId);
        stored.Status.ShouldBe(RunStatus.Waiting);
        stored.WakeAt.ShouldBe(wakeAt);
        stored.WaitingFor.ShouldBe(["approval"]);
        (await store.GetInboxAsync(run.RunId, Ct)).ShouldHaveSingleItem().Name.ShouldBe("comment");
    }

    [Fact]
    public async Task DeliverEventAsync_RunningRun_StoredForTheWorker()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);

        (await store.DeliverEventAsync(run.RunId, "approval", "{}", null, T0, Ct)).ShouldBe(DeliveryStatus.Delivered);

        var stored = await GetAsync(store, run.RunId);
        stored.Status.ShouldBe(RunStatus.Running);
        stored.Epoch.ShouldBe(run.Epoch);
        (await store.GetInboxAsync(run.RunId, Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task DeliverEventAsync_PendingRun_StoredAndRunStaysPending()
    {
        var store = await NewStoreAsync();
        var run = await CreateAsync(store);

        (await store.DeliverEventAsync(run.RunId, "approval", "{}", null, T0, Ct)).ShouldBe(DeliveryStatus.Delivered);

        (await GetAsync(store, run.RunId)).Status.ShouldBe(RunStatus.Pending);
        (await store.GetInboxAsync(run.RunId, Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task DeliverEventAsync_SameDedupeKey_DuplicateAndNothingChanges()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);

        (await store.DeliverEventAsync(run.RunId, "approval", """{"n":1}""", "key-1", T0, Ct)).ShouldBe(DeliveryStatus.Delivered);
        (await store.DeliverEventAsync(run.RunId, "approval", """{"n":2}""", "key-1", T0.AddSeconds(1), Ct)).ShouldBe(DeliveryStatus.Duplicate);

        (await store.GetInboxAsync(run.RunId, Ct)).ShouldHaveSingleItem().Payload.ShouldBe("""{"n":1}""");
    }

    [Fact]
    public async Task DeliverEventAsync_SameDedupeKeyAfterTheEventWasConsumed_StillDuplicate()
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        await store.DeliverEventAsync(run.RunId, "approval", "{}", "key-1", T0, Ct);
        var delivered = (await store.GetInboxAsync(run.RunId, Ct))[0];
        await store.CommitAsync(Commit(run, consumed: [delivered.Id]), Ct);

        (await store.DeliverEventAsync(run.RunId, "approval", "{}", "key-1", T0.AddSeconds(5), Ct)).ShouldBe(DeliveryStatus.Duplicate);

        (await store.GetInboxAsync(run.RunId, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeliverEventAsync_SameDedupeKeyForAnotherRun_Delivered()
    {
        var store = await NewStoreAsync();
        var first = await CreateAsync(store);
        var second = await CreateAsync(store);

        (await store.DeliverEventAsync(first.RunId, "approval", "{}", "key-1", T0, Ct)).ShouldBe(DeliveryStatus.Delivered);
        (await store.DeliverEventAsync(second.RunId, "approval", "{}", "key-1", T0, Ct)).ShouldBe(DeliveryStatus.Delivered);
    }

    [Fact]
    public async Task DeliverEventAsync_NoDedupeKeys_EveryEventDelivered()
    {
        var store = await NewStoreAsync();
        var run = await CreateAsync(store);

        (await store.DeliverEventAsync(run.RunId, "tick", "{}", null, T0, Ct)).ShouldBe(DeliveryStatus.Delivered);
        (await store.DeliverEventAsync(run.RunId, "tick", "{}", null, T0, Ct)).ShouldBe(DeliveryStatus.Delivered);

        (await store.GetInboxAsync(run.RunId, Ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task DeliverEventAsync_UnknownRun_NotFound()
    {
        var store = await NewStoreAsync();

        (await store.DeliverEventAsync("missing", "approval", "{}", null, T0, Ct)).ShouldBe(DeliveryStatus.NotFound);
    }

    [Theory]
    [InlineData(RunStatus.Completed)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Cancelled)]
    public async Task DeliverEventAsync_FinishedRun_RunFinishedAndNothingStored(RunStatus status)
    {
        var store = await NewStoreAsync();
        var run = await StartAsync(store);
        await MoveAsync(store, run, To(status, output: "1", error: "{}"));
        var finished = await GetAsync(store, run.RunId);

        (await store.DeliverEventAsync(run.RunId, "approval", "{}", "key-1", T0.AddSeconds(5), Ct)).ShouldBe(DeliveryStatus.RunFinished);

        (await store.GetInboxAsync(run.RunId, Ct)).ShouldBeEmpty();
        ShouldBeSameRun(await GetAsync(store, run.RunId), finished);
    }

    [Fact]
    public async Task GetInboxAsync_Events_ReturnedInDeliveryOrderWithIncreasingIds()
    {
        var store = await NewStoreAsync();
        var run = await CreateAsync(store);
        var names = new[] { "c", "a", "d", "b" };
        for (var i = 0; i < names.Length; i++)
        {
            await store.DeliverEventAsync(run.RunId, names[i], $$"""{"i":{{i}}}""", $"key-{i}", T0.AddMilliseconds(i), Ct);
        }

        var inbox = await store.GetInboxAsync(run.RunId, Ct);

        inbox.Select(e => e.Name).ShouldBe(names);
        inbox.Select(e => e.Id).ShouldBe(inbox.Select(e => e.Id).Order());
        inbox.Select(e => e.Id).Distinct().Count().ShouldBe(4);
        inbox[2].ShouldBe(new InboxEvent(inbox[2].Id, run.RunId, "d", """{"i":2}""", "key-2", T0.AddMilliseconds(2)));
    }
}
