using Foreman.Autonomy;

namespace Foreman.Reviews.Tests;

public sealed class AutonomyTrackerTests
{
    private static readonly LevelAdjusterOptions Thresholds = new() { MinimumSamples = 20, PromoteAtOrAbove = 0.98, DemoteBelow = 0.90, Window = TimeSpan.FromDays(30) };

    [Fact]
    public async Task EvaluateAsync_CleanRecord_PromotesTwoToOneToZeroWithFreshEvidenceEachStep()
    {
        await using var h = await ReviewHarness.OpenAsync();
        var tracker = Tracker(h);

        await DecideAsync(h, 19, approved: 19);
        (await tracker.EvaluateAsync("refund", default)).ShouldBeNull("19 samples are below the minimum of 20");

        await DecideAsync(h, 1, approved: 1);
        var first = await tracker.EvaluateAsync("refund", default);
        first.ShouldNotBeNull();
        first.From.ShouldBe(AutonomyLevel.ProposalWithApproval);
        first.To.ShouldBe(AutonomyLevel.AutonomousWithAudit);
        first.Kind.ShouldBe(LevelChangeKind.Promotion);
        first.Samples.ShouldBe(20);
        first.CleanApprovals.ShouldBe(20);

        // The same evidence does not promote twice: the next step needs its own window.
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        (await tracker.EvaluateAsync("refund", default)).ShouldBeNull();

        await DecideAsync(h, 20, approved: 20);
        var second = await tracker.EvaluateAsync("refund", default);
        second!.To.ShouldBe(AutonomyLevel.Autonomous);
        (await tracker.GetStandingAsync("refund", default)).Level.ShouldBe(AutonomyLevel.Autonomous);
        (await h.Reviews.ListLevelChangesAsync("refund", default)).Select(c => c.To).ShouldBe([AutonomyLevel.AutonomousWithAudit, AutonomyLevel.Autonomous]);
    }

    [Fact]
    public async Task EvaluateAsync_PoorRecord_DemotesWithEvidence()
    {
        await using var h = await ReviewHarness.OpenAsync();
        var tracker = Tracker(h);
        await tracker.PinAsync("refund", AutonomyLevel.AutonomousWithAudit, "ops", "start at 1", default);
        await tracker.UnpinAsync("refund", "ops", "let the record decide", default);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        await DecideAsync(h, 20, approved: 17, rejected: 2, modified: 1);
        var change = await tracker.EvaluateAsync("refund", default);

        change.ShouldNotBeNull();
        change.Kind.ShouldBe(LevelChangeKind.Demotion);
        change.From.ShouldBe(AutonomyLevel.AutonomousWithAudit);
        change.To.ShouldBe(AutonomyLevel.ProposalWithApproval);
        change.Samples.ShouldBe(20);
        change.CleanApprovals.ShouldBe(17);
        change.ApprovalRate.ShouldBe(0.85);
        change.Reason.ShouldContain("17/20");
        change.ChangedBy.ShouldBe("tracker");
        change.At.ShouldBe(h.Clock.GetUtcNow());
    }

    [Fact]
    public async Task EvaluateAsync_RateInsideHysteresisBand_ChangesNothing()
    {
        await using var h = await ReviewHarness.OpenAsync();
        await DecideAsync(h, 20, approved: 19, modified: 1);

        (await Tracker(h).EvaluateAsync("refund", default)).ShouldBeNull("95% is neither ≥ 98% nor < 90%");
        (await h.Reviews.ListLevelChangesAsync("refund", default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task EvaluateAsync_OutcomesOlderThanWindow_DoNotCount()
    {
        await using var h = await ReviewHarness.OpenAsync();
        await DecideAsync(h, 20, approved: 20);
        h.Clock.Advance(TimeSpan.FromDays(31));

        (await Tracker(h).EvaluateAsync("refund", default)).ShouldBeNull();
    }

    [Fact]
    public async Task PinAsync_PinnedType_IgnoresTrackRecordAndIsAudited()
    {
        await using var h = await ReviewHarness.OpenAsync();
        var tracker = Tracker(h);
        var pin = await tracker.PinAsync("refund", AutonomyLevel.AssistanceOnly, "alice", "incident INC-42", default);
        await DecideAsync(h, 20, approved: 20);

        (await tracker.EvaluateAsync("refund", default)).ShouldBeNull();
        (await tracker.ResolveAsync(new AutonomyRequest("refund", 1m, 0.99), default)).ShouldBe(AutonomyLevel.AssistanceOnly);
        pin.Kind.ShouldBe(LevelChangeKind.Pin);
        pin.ChangedBy.ShouldBe("alice");
        pin.Reason.ShouldBe("incident INC-42");
        (await h.Reviews.ListLevelChangesAsync(null, default)).ShouldHaveSingleItem().ShouldBe(pin);
    }

    [Fact]
    public async Task ReviewService_WithATracker_PromotesAsDecisionsArriveWithoutAnOperator()
    {
        await using var h = await ReviewHarness.OpenAsync();
        var tracker = Tracker(h);
        var service = new ReviewService(h.Reviews, h.Engine, h.Clock, tracker);

        for (var i = 0; i < 20; i++)
        {
            var id = $"rev_{Guid.NewGuid():N}";
            await h.Reviews.CreateAsync(Items.New(id, h.Clock.GetUtcNow()), default);
            h.Clock.Advance(TimeSpan.FromSeconds(1));
            (await service.DecideAsync(id, new ReviewDecision(Reviews.ReviewStatus.Approved, "bob"), default)).Status.ShouldBe(DecideStatus.Decided);
        }

        (await tracker.GetStandingAsync("refund", default)).Level.ShouldBe(AutonomyLevel.AutonomousWithAudit, "the 20th clean approval promoted the type on its own");
        (await h.Reviews.ListLevelChangesAsync("refund", default)).ShouldHaveSingleItem().Kind.ShouldBe(LevelChangeKind.Promotion);
    }

    private static AutonomyTracker Tracker(ReviewHarness h) => new(h.Reviews, new AutonomyPolicy([]), new LevelAdjuster(Thresholds), h.Clock);

    private static async Task DecideAsync(ReviewHarness h, int count, int approved, int rejected = 0, int modified = 0)
    {
        for (var i = 0; i < count; i++)
        {
            var id = $"rev_{Guid.NewGuid():N}";
            await h.Reviews.CreateAsync(Items.New(id, h.Clock.GetUtcNow()), default);
            h.Clock.Advance(TimeSpan.FromSeconds(1));
            var decision = i < approved ? new ReviewDecision(Reviews.ReviewStatus.Approved, "bob")
                : i < approved + rejected ? new ReviewDecision(Reviews.ReviewStatus.Rejected, "bob", "no")
                : new ReviewDecision(Reviews.ReviewStatus.Modified, "bob", null, """{"order_id":"B-1","amount":5}""");
            (await h.Reviews.DecideAsync(id, decision, "h", h.Clock.GetUtcNow(), default)).Status.ShouldBe(DecideStatus.Decided);
        }
    }
}
