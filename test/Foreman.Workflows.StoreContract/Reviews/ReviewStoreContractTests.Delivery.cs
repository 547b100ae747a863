using Foreman.Reviews;

namespace Foreman.Workflows.StoreContract.Reviews;

/// <summary>Delivering decisions to the waiting runs.</summary>
public abstract partial class ReviewStoreContractTests
{
    /// <summary>Only human decisions are undelivered, oldest decision first; pending and expired items are not.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListUndeliveredAsync_DecidedItems_OldestDecisionFirst()
    {
        var store = await StoreWithAsync(Item("rev_a"), Item("rev_b", T0.AddMinutes(1)), Item("rev_c", T0.AddMinutes(2)), Item("rev_pending", T0.AddMinutes(3)), Item("rev_expired", T0.AddMinutes(4)));
        await DecideAsync(store, "rev_a", Approve(), T0.AddMinutes(30));
        await store.DecideAsync("rev_b", new ReviewDecision(ReviewStatus.Rejected, "bob", "no"), null, T0.AddMinutes(10), Ct);
        await store.DecideAsync("rev_c", new ReviewDecision(ReviewStatus.Modified, "carol", null, "{}"), "h", T0.AddMinutes(20), Ct);
        await store.ExpireAsync("rev_expired", T0.AddMinutes(5), Ct);

        var undelivered = await store.ListUndeliveredAsync(Ct);

        undelivered.Select(i => i.ItemId).ShouldBe(["rev_b", "rev_c", "rev_a"]);
        undelivered.ShouldAllBe(i => !i.Delivered);
    }

    /// <summary>A delivered decision leaves the undelivered list and stays decided; marking again is harmless.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task MarkDeliveredAsync_Decided_LeavesTheList()
    {
        var store = await StoreWithAsync(Item("rev_a"), Item("rev_b", T0.AddMinutes(1)));
        await DecideAsync(store, "rev_a", Approve(), T0.AddMinutes(2));
        await DecideAsync(store, "rev_b", Approve(), T0.AddMinutes(3));

        await store.MarkDeliveredAsync("rev_a", Ct);
        await store.MarkDeliveredAsync("rev_a", Ct);

        (await store.ListUndeliveredAsync(Ct)).Select(i => i.ItemId).ShouldBe(["rev_b"]);
        var delivered = (await store.GetAsync("rev_a", Ct))!;
        delivered.Delivered.ShouldBeTrue();
        delivered.Status.ShouldBe(ReviewStatus.Approved);
        delivered.DecidedBy.ShouldBe("alice");
    }

    /// <summary>
    /// Marking a pending item delivered does nothing: its later decision must still be delivered, or the run would
    /// wait forever.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task MarkDeliveredAsync_PendingOrUnknown_ChangesNothing()
    {
        var store = await StoreWithAsync(Item("rev_a"));

        await store.MarkDeliveredAsync("rev_a", Ct);
        await store.MarkDeliveredAsync("rev_missing", Ct);
        await DecideAsync(store, "rev_a", Approve(), T0.AddMinutes(1));

        (await store.GetAsync("rev_missing", Ct)).ShouldBeNull();
        (await store.ListUndeliveredAsync(Ct)).ShouldHaveSingleItem().ItemId.ShouldBe("rev_a");
    }
}
