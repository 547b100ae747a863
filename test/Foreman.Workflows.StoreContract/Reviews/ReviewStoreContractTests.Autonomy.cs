using Foreman.Autonomy;
using Foreman.Reviews;

namespace Foreman.Workflows.StoreContract.Reviews;

/// <summary>What the autonomy tracker reads and writes: outcomes in a window and the level-change audit trail.</summary>
public abstract partial class ReviewStoreContractTests
{
    /// <summary>Outcomes are the human decisions of one type after the window start (exclusive), oldest first.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListOutcomesAsync_Window_HumanDecisionsOfTheTypeOldestFirst()
    {
        var store = await StoreWithAsync(
            Item("rev_before"), Item("rev_edge"), Item("rev_approved"), Item("rev_modified"), Item("rev_rejected"),
            Item("rev_expired"), Item("rev_pending"), Item("rev_other", decisionType: "discount"));
        await DecideAsync(store, "rev_before", Approve(), T0.AddMinutes(5));
        await DecideAsync(store, "rev_edge", Approve(), T0.AddMinutes(10));
        await store.DecideAsync("rev_rejected", new ReviewDecision(ReviewStatus.Rejected, "bob", "no"), null, T0.AddMinutes(11), Ct);
        await store.DecideAsync("rev_modified", new ReviewDecision(ReviewStatus.Modified, "carol", null, "{}"), "h", T0.AddMinutes(13), Ct);
        await DecideAsync(store, "rev_approved", Approve(), T0.AddMinutes(12));
        await store.ExpireAsync("rev_expired", T0.AddMinutes(14), Ct);
        await DecideAsync(store, "rev_other", Approve(), T0.AddMinutes(15));

        var outcomes = await store.ListOutcomesAsync("refund", T0.AddMinutes(10), Ct);

        outcomes.ShouldBe(
        [
            new ReviewOutcome("rev_rejected", "refund", ReviewStatus.Rejected, T0.AddMinutes(11), "bob"),
            new ReviewOutcome("rev_approved", "refund", ReviewStatus.Approved, T0.AddMinutes(12), "alice"),
            new ReviewOutcome("rev_modified", "refund", ReviewStatus.Modified, T0.AddMinutes(13), "carol"),
        ]);
        (await store.ListOutcomesAsync("discount", T0, Ct)).ShouldHaveSingleItem().ItemId.ShouldBe("rev_other");
        (await store.ListOutcomesAsync("refund", T0.AddMinutes(13), Ct)).ShouldBeEmpty();
        (await store.ListOutcomesAsync("nothing", T0, Ct)).ShouldBeEmpty();
    }

    /// <summary>Level changes read back field for field, in the order appended, filtered by type or not.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListLevelChangesAsync_AppendOrder_FilteredByType()
    {
        var store = await CreateStoreAsync();
        LevelChange[] changes =
        [
            new("refund", AutonomyLevel.ProposalWithApproval, AutonomyLevel.AutonomousWithAudit, LevelChangeKind.Promotion, "50 of 50 clean", 50, 50, T0.AddDays(2), "tracker"),
            new("discount", AutonomyLevel.ProposalWithApproval, AutonomyLevel.AssistanceOnly, LevelChangeKind.Pin, "incident 42", 0, 0, T0.AddDays(1), "alice"),

            // Appended later but stamped earlier: the trail is kept in append order, not by time.
            new("refund", AutonomyLevel.AutonomousWithAudit, AutonomyLevel.ProposalWithApproval, LevelChangeKind.Demotion, "3 of 10 rejected", 10, 7, T0.AddDays(1).AddMilliseconds(1), "tracker"),
            new("refund", AutonomyLevel.ProposalWithApproval, AutonomyLevel.ProposalWithApproval, LevelChangeKind.Unpin, "incident closed", 0, 0, T0.AddDays(3), "bob"),
        ];
        foreach (var change in changes)
        {
            await store.AppendLevelChangeAsync(change, Ct);
        }

        (await store.ListLevelChangesAsync(null, Ct)).ShouldBe(changes);
        (await store.ListLevelChangesAsync("refund", Ct)).ShouldBe([changes[0], changes[2], changes[3]]);
        (await store.ListLevelChangesAsync("discount", Ct)).ShouldBe([changes[1]]);
        (await store.ListLevelChangesAsync("nothing", Ct)).ShouldBeEmpty();
    }

    /// <summary>Identical level changes are both kept: the trail is an append-only log, not a set.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AppendLevelChangeAsync_SameChangeTwice_KeepsBoth()
    {
        var store = await CreateStoreAsync();
        var change = new LevelChange("refund", AutonomyLevel.ProposalWithApproval, AutonomyLevel.AssistanceOnly, LevelChangeKind.Pin, "why", 0, 0, T0, "alice");

        await store.AppendLevelChangeAsync(change, Ct);
        await store.AppendLevelChangeAsync(change, Ct);

        (await store.ListLevelChangesAsync("refund", Ct)).Count.ShouldBe(2);
    }
}
