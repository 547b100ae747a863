using Foreman.Reviews;

namespace Foreman.Workflows.StoreContract.Reviews;

/// <summary>Deciding and expiring: one compare-and-set from pending.</summary>
public abstract partial class ReviewStoreContractTests
{
    /// <summary>A decision on a pending item is recorded with who, when, why and what it approves.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task DecideAsync_Pending_RecordsTheDecision()
    {
        var store = await StoreWithAsync(Item("rev_a"));
        var at = T0.AddMinutes(7).AddMilliseconds(123);

        var result = await store.DecideAsync("rev_a", new ReviewDecision(ReviewStatus.Modified, "alice", "partial", """{"order_id":"B-1","amount":5}"""), "hash-modified", at, Ct);

        result.Status.ShouldBe(DecideStatus.Decided);
        result.Errors.ShouldBeEmpty();
        foreach (var item in new[] { result.Item!, (await store.GetAsync("rev_a", Ct))! })
        {
            item.Status.ShouldBe(ReviewStatus.Modified);
            item.DecidedBy.ShouldBe("alice");
            item.DecidedAt.ShouldBe(at);
            item.Reason.ShouldBe("partial");
            item.ModifiedAction.ShouldBe("""{"order_id":"B-1","amount":5}""");
            item.ApprovedActionHash.ShouldBe("hash-modified");
            item.Delivered.ShouldBeFalse();
        }
    }

    /// <summary>A rejection approves nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task DecideAsync_Rejected_ApprovesNothing()
    {
        var store = await StoreWithAsync(Item("rev_a"));

        var result = await store.DecideAsync("rev_a", new ReviewDecision(ReviewStatus.Rejected, "alice", "too much"), null, T0.AddMinutes(1), Ct);

        result.Status.ShouldBe(DecideStatus.Decided);
        result.Item!.Status.ShouldBe(ReviewStatus.Rejected);
        result.Item.ApprovedActionHash.ShouldBeNull();
        result.Item.ModifiedAction.ShouldBeNull();
        result.Item.Reason.ShouldBe("too much");
    }

    /// <summary>Of many concurrent decisions exactly one wins; every loser sees the winner's decision.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task DecideAsync_ManyConcurrentDecisions_ExactlyOneWins()
    {
        var store = await StoreWithAsync(Item("rev_race"));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racers = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            var verdict = (i % 3) switch { 0 => ReviewStatus.Approved, 1 => ReviewStatus.Rejected, _ => ReviewStatus.Modified };
            var decision = new ReviewDecision(verdict, $"reviewer-{i}", "r", verdict == ReviewStatus.Modified ? "{}" : null);
            return await DecideAsync(store, "rev_race", decision, T0.AddSeconds(i));
        })).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(racers);

        var winner = results.Where(r => r.Status == DecideStatus.Decided).ShouldHaveSingleItem().Item!;
        results.Count(r => r.Status == DecideStatus.Conflict).ShouldBe(49);
        results.Where(r => r.Status == DecideStatus.Conflict).ShouldAllBe(r =>
            r.Item!.DecidedBy == winner.DecidedBy && r.Item.Status == winner.Status && r.Item.DecidedAt == winner.DecidedAt);
        var stored = (await store.GetAsync("rev_race", Ct))!;
        stored.DecidedBy.ShouldBe(winner.DecidedBy);
        stored.Status.ShouldBe(winner.Status);
    }

    /// <summary>A second decision is refused as a conflict that names the first decider and when.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task DecideAsync_AlreadyDecided_ReturnsConflictWithWhoAndWhen()
    {
        var store = await StoreWithAsync(Item("rev_a"));
        await store.DecideAsync("rev_a", new ReviewDecision(ReviewStatus.Rejected, "alice", "no"), null, T0.AddMinutes(1), Ct);

        var late = await DecideAsync(store, "rev_a", Approve("bob"), T0.AddMinutes(2));

        late.Status.ShouldBe(DecideStatus.Conflict);
        late.Item!.Status.ShouldBe(ReviewStatus.Rejected);
        late.Item.DecidedBy.ShouldBe("alice");
        late.Item.DecidedAt.ShouldBe(T0.AddMinutes(1));
        (await store.GetAsync("rev_a", Ct))!.DecidedBy.ShouldBe("alice");
    }

    /// <summary>A decision after expiry is refused as expired, saying when.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task DecideAsync_AfterExpiry_ReturnsExpired()
    {
        var store = await StoreWithAsync(Item("rev_a"));
        await store.ExpireAsync("rev_a", T0.AddHours(24), Ct);

        var late = await DecideAsync(store, "rev_a", Approve("bob"), T0.AddHours(25));

        late.Status.ShouldBe(DecideStatus.Expired);
        late.Item!.Status.ShouldBe(ReviewStatus.Expired);
        late.Item.DecidedAt.ShouldBe(T0.AddHours(24));
        late.Item.DecidedBy.ShouldBe("system");
        (await store.GetAsync("rev_a", Ct))!.Status.ShouldBe(ReviewStatus.Expired);
    }

    /// <summary>Deciding or expiring an unknown item reports not found.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task DecideAndExpire_Unknown_ReturnNotFound()
    {
        var store = await StoreWithAsync(Item("rev_a"));

        var decided = await DecideAsync(store, "rev_missing", Approve(), T0);
        var expired = await store.ExpireAsync("rev_missing", T0, Ct);

        decided.Status.ShouldBe(DecideStatus.NotFound);
        decided.Item.ShouldBeNull();
        expired.Status.ShouldBe(DecideStatus.NotFound);
        expired.Item.ShouldBeNull();
        (await store.GetAsync("rev_missing", Ct)).ShouldBeNull();
    }

    /// <summary>Expiring a pending item records the system as decider and needs no delivery.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExpireAsync_Pending_ExpiresWithoutDelivery()
    {
        var store = await StoreWithAsync(Item("rev_a"));

        var result = await store.ExpireAsync("rev_a", T0.AddHours(24), Ct);

        result.Status.ShouldBe(DecideStatus.Decided);
        result.Item!.Status.ShouldBe(ReviewStatus.Expired);
        result.Item.DecidedBy.ShouldBe("system");
        result.Item.DecidedAt.ShouldBe(T0.AddHours(24));
        result.Item.ApprovedActionHash.ShouldBeNull();
        (await store.ListUndeliveredAsync(Ct)).ShouldBeEmpty();
    }

    /// <summary>Expiring a decided item is a conflict; expiring twice reports expired.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExpireAsync_NotPending_IsRefused()
    {
        var store = await StoreWithAsync(Item("rev_decided"), Item("rev_expired"));
        await DecideAsync(store, "rev_decided", Approve(), T0.AddMinutes(1));
        await store.ExpireAsync("rev_expired", T0.AddMinutes(1), Ct);

        var conflict = await store.ExpireAsync("rev_decided", T0.AddHours(24), Ct);
        var again = await store.ExpireAsync("rev_expired", T0.AddHours(24), Ct);

        conflict.Status.ShouldBe(DecideStatus.Conflict);
        conflict.Item!.Status.ShouldBe(ReviewStatus.Approved);
        conflict.Item.DecidedBy.ShouldBe("alice");
        again.Status.ShouldBe(DecideStatus.Expired);
        again.Item!.DecidedAt.ShouldBe(T0.AddMinutes(1));
    }

    /// <summary>Expiry racing decisions: exactly one call wins, and the stored item is the winner's.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExpireAsync_RacingDecisions_ExactlyOneWins()
    {
        var store = await StoreWithAsync(Item("rev_race"));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racers = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return i % 2 == 0
                ? await store.ExpireAsync("rev_race", T0.AddHours(24), Ct)
                : await DecideAsync(store, "rev_race", Approve($"reviewer-{i}"), T0.AddHours(24));
        })).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(racers);

        var winner = results.Where(r => r.Status == DecideStatus.Decided).ShouldHaveSingleItem().Item!;
        var expected = winner.Status == ReviewStatus.Expired ? DecideStatus.Expired : DecideStatus.Conflict;
        results.Where(r => r.Status != DecideStatus.Decided).ShouldAllBe(r => r.Status == expected && r.Item!.DecidedBy == winner.DecidedBy);
        (await store.GetAsync("rev_race", Ct))!.Status.ShouldBe(winner.Status);
    }
}
