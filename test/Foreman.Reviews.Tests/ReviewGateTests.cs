using System.Collections.Concurrent;
using System.Text.Json;
using Foreman.Autonomy;
using Foreman.Tools;
using Foreman.Workflows.Storage;

namespace Foreman.Reviews.Tests;

public sealed class ReviewGateTests
{
    private readonly ConcurrentBag<string> _executed = [];

    [Fact]
    public async Task Level0_ExecutesWithoutQueueing()
    {
        await using var h = await StartAsync(AutonomyLevel.Autonomous);
        var run = await SubmitAsync(h, 10m);

        var result = await FinishAsync(h, run);

        result.Level.ShouldBe(AutonomyLevel.Autonomous);
        result.Outcome.ShouldBe(ReviewGateOutcome.Autonomous);
        _executed.ShouldHaveSingleItem();
        (await h.Reviews.ListAsync(new ReviewQuery(), default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Level1_ExecutesAndQueuesAnAuditSample()
    {
        await using var h = await StartAsync(AutonomyLevel.AutonomousWithAudit, auditRate: 1.0);
        var run = await SubmitAsync(h, 10m);

        var result = await FinishAsync(h, run);

        result.Outcome.ShouldBe(ReviewGateOutcome.Autonomous);
        _executed.ShouldHaveSingleItem();
        var audit = (await h.Reviews.ListAsync(new ReviewQuery(RunId: run), default)).ShouldHaveSingleItem();
        audit.ItemId.ShouldBe(result.AuditItemId);
        audit.Level.ShouldBe(AutonomyLevel.AutonomousWithAudit);
        audit.Status.ShouldBe(ReviewStatus.Pending);

        // Reviewing the sample later feeds the track record; the finished run is not disturbed.
        (await h.Service.DecideAsync(audit.ItemId, new ReviewDecision(ReviewStatus.Approved, "auditor"), default)).Status.ShouldBe(DecideStatus.Decided);
        (await h.Reviews.ListOutcomesAsync("refund", DateTimeOffset.MinValue, default)).ShouldHaveSingleItem().DecidedBy.ShouldBe("auditor");
    }

    [Fact]
    public async Task Level1_SampleRateZero_QueuesNothing()
    {
        await using var h = await StartAsync(AutonomyLevel.AutonomousWithAudit, auditRate: 0);
        var result = await FinishAsync(h, await SubmitAsync(h, 10m));

        result.AuditItemId.ShouldBeNull();
        _executed.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Level2_WaitsForApproval_ThenExecutesTheApprovedAction()
    {
        await using var h = await StartAsync(AutonomyLevel.ProposalWithApproval);
        var run = await SubmitAsync(h, 10m);
        var item = await h.PendingItemAsync(run);
        await h.RunReachesAsync(run, RunStatus.Waiting);
        _executed.ShouldBeEmpty();

        (await h.Service.DecideAsync(item.ItemId, new ReviewDecision(ReviewStatus.Approved, "alice", "fine"), default)).Status.ShouldBe(DecideStatus.Decided);
        var result = await FinishAsync(h, run);

        result.Outcome.ShouldBe(ReviewGateOutcome.Approved);
        result.DecidedBy.ShouldBe("alice");
        result.ActionHash.ShouldBe(item.ActionHash);
        _executed.ShouldHaveSingleItem().ShouldBe(item.ProposedAction);
        (await h.Reviews.GetAsync(item.ItemId, default))!.Delivered.ShouldBeTrue();
    }

    [Fact]
    public async Task Level2_Rejected_ExecutesNothing()
    {
        await using var h = await StartAsync(AutonomyLevel.ProposalWithApproval);
        var run = await SubmitAsync(h, 10m);
        var item = await h.PendingItemAsync(run);

        await h.Service.DecideAsync(item.ItemId, new ReviewDecision(ReviewStatus.Rejected, "alice", "duplicate claim"), default);
        var result = await FinishAsync(h, run);

        result.Outcome.ShouldBe(ReviewGateOutcome.Rejected);
        result.Reason.ShouldBe("duplicate claim");
        result.MayExecute.ShouldBeFalse();
        _executed.ShouldBeEmpty();
    }

    [Fact]
    public async Task Level2_ValidModification_ExecutesTheEditedValues()
    {
        await using var h = await StartAsync(AutonomyLevel.ProposalWithApproval);
        var run = await SubmitAsync(h, 10m);
        var item = await h.PendingItemAsync(run);

        var invalid = await h.Service.DecideAsync(item.ItemId, new ReviewDecision(ReviewStatus.Modified, "alice", null, """{"order_id":"B-1","amount":500}"""), default);
        invalid.Status.ShouldBe(DecideStatus.InvalidModification);
        invalid.Errors.ShouldNotBeEmpty();
        (await h.Reviews.GetAsync(item.ItemId, default))!.Status.ShouldBe(ReviewStatus.Pending, "an invalid edit changes nothing");
        (await h.Service.DecideAsync(item.ItemId, new ReviewDecision(ReviewStatus.Modified, "alice", null, """{"order_id":"B-1","amount":7.5,"extra":1}"""), default))
            .Status.ShouldBe(DecideStatus.InvalidModification);

        var valid = await h.Service.DecideAsync(item.ItemId, new ReviewDecision(ReviewStatus.Modified, "alice", "partial refund", """{"amount":7.5,"order_id":"B-1"}"""), default);
        valid.Status.ShouldBe(DecideStatus.Decided);
        var result = await FinishAsync(h, run);

        result.Outcome.ShouldBe(ReviewGateOutcome.Modified);
        JsonDocument.Parse(_executed.ShouldHaveSingleItem()).RootElement.GetProperty("amount").GetDecimal().ShouldBe(7.5m);
        result.ActionHash.ShouldBe(ActionHash.Compute("issue_refund", JsonDocument.Parse("""{"order_id":"B-1","amount":7.5}""").RootElement));
        result.ActionHash.ShouldNotBe(item.ActionHash);
    }

    [Fact]
    public async Task Level3_HumanDecides_WorkflowOnlySuppliesAnalysis()
    {
        await using var h = await StartAsync(AutonomyLevel.AssistanceOnly);
        var run = await SubmitAsync(h, 10m);
        var item = await h.PendingItemAsync(run);
        item.Level.ShouldBe(AutonomyLevel.AssistanceOnly);
        item.Packet.Analysis.ShouldBe("Looks legitimate.");

        await h.Service.DecideAsync(item.ItemId, new ReviewDecision(ReviewStatus.Approved, "alice", "I refunded it by hand"), default);
        var result = await FinishAsync(h, run);

        result.Outcome.ShouldBe(ReviewGateOutcome.Approved);
        result.MayExecute.ShouldBeFalse();
        _executed.ShouldBeEmpty();
    }

    [Fact]
    public async Task Sla_RejectPath_ExpiresTheItemAndRefusesLateDecisions()
    {
        await using var h = await StartAsync(AutonomyLevel.ProposalWithApproval);
        var run = await SubmitAsync(h, 10m, queue: "lead");
        var item = await h.PendingItemAsync(run);
        await h.RunReachesAsync(run, RunStatus.Waiting);

        var result = await FinishAsync(h, run, tick: TimeSpan.FromMinutes(30));

        result.Outcome.ShouldBe(ReviewGateOutcome.Expired);
        _executed.ShouldBeEmpty();
        var expired = (await h.Reviews.GetAsync(item.ItemId, default))!;
        expired.Status.ShouldBe(ReviewStatus.Expired);
        expired.DecidedAt!.Value.ShouldBeGreaterThanOrEqualTo(item.DueAt);
        (await h.Service.DecideAsync(item.ItemId, new ReviewDecision(ReviewStatus.Approved, "late-larry"), default)).Status.ShouldBe(DecideStatus.Expired);
    }

    [Fact]
    public async Task Sla_EscalatePath_OpensItemInNextQueue_WhichCanApprove()
    {
        await using var h = await StartAsync(AutonomyLevel.ProposalWithApproval);
        var run = await SubmitAsync(h, 10m);
        var first = await h.PendingItemAsync(run, "finance");
        await h.RunReachesAsync(run, RunStatus.Waiting);

        var escalated = await h.EventuallyAsync(
            async () => (await h.Reviews.ListAsync(new ReviewQuery(ReviewStatus.Pending, "lead", run), default)).FirstOrDefault(),
            TimeSpan.FromMinutes(30),
            "the escalated item");
        escalated.EscalatedFrom.ShouldBe(first.ItemId);
        escalated.ActionHash.ShouldBe(first.ActionHash);
        (await h.Reviews.GetAsync(first.ItemId, default))!.Status.ShouldBe(ReviewStatus.Expired);

        await h.Service.DecideAsync(escalated.ItemId, new ReviewDecision(ReviewStatus.Approved, "lead-lisa"), default);
        var result = await FinishAsync(h, run);

        result.Outcome.ShouldBe(ReviewGateOutcome.Approved);
        result.DecidedBy.ShouldBe("lead-lisa");
        _executed.ShouldHaveSingleItem();
        var cost = await new ReviewCostLedger(h.Reviews).ForRunAsync(run, default);
        cost.Escalations.ShouldBe(2);
        cost.ByCurrency["EUR"].ShouldBe(4.70m + 9.40m);
    }

    [Fact]
    public async Task Decision_DecidedButNotDelivered_ReconcilerWakesTheRun()
    {
        await using var h = await StartAsync(AutonomyLevel.ProposalWithApproval);
        var run = await SubmitAsync(h, 10m);
        var item = await h.PendingItemAsync(run);
        await h.RunReachesAsync(run, RunStatus.Waiting);

        // The "crash": the decision is in the review store, but the event never reached the run.
        (await h.Reviews.DecideAsync(item.ItemId, new ReviewDecision(ReviewStatus.Approved, "alice"), item.ActionHash, h.Clock.GetUtcNow(), default)).Status.ShouldBe(DecideStatus.Decided);
        await h.RestartAsync();
        (await h.Store.GetRunAsync(run, default))!.Status.ShouldBe(RunStatus.Waiting);

        (await h.Service.ReconcileAsync(default)).ShouldBe(1);
        var result = await FinishAsync(h, run);

        result.Outcome.ShouldBe(ReviewGateOutcome.Approved);
        _executed.ShouldHaveSingleItem();
        (await h.Service.ReconcileAsync(default)).ShouldBe(0);
    }

    [Fact]
    public async Task ApprovalGate_BindsToTheExactActionHash()
    {
        await using var h = await ReviewHarness.OpenAsync();
        var item = Items.New("rev_bind", h.Clock.GetUtcNow(), runId: "run_9");
        await h.Reviews.CreateAsync(item, default);
        var gate = new ReviewApprovalGate(h.Reviews);
        var approvedArgs = JsonDocument.Parse(item.ProposedAction).RootElement;
        var changedArgs = JsonDocument.Parse("""{"order_id":"B-1","amount":10.01}""").RootElement;

        (await gate.RequestApprovalAsync(Request("run_9/agent.refund", approvedArgs), default)).Status.ShouldBe(ToolApprovalStatus.Pending, "not decided yet");
        await h.Service.DecideAsync("rev_bind", new ReviewDecision(ReviewStatus.Approved, "alice"), default);

        var same = await gate.RequestApprovalAsync(Request("run_9/agent.refund", approvedArgs), default);
        same.Status.ShouldBe(ToolApprovalStatus.Approved);
        same.ApprovedActionHash.ShouldBe(item.ActionHash);
        same.DecidedBy.ShouldBe("alice");
        (await gate.RequestApprovalAsync(Request("run_9/agent.refund", changedArgs), default)).Status.ShouldBe(ToolApprovalStatus.Pending, "a changed argument is not approved");
        (await gate.RequestApprovalAsync(Request("run_other", approvedArgs), default)).Status.ShouldBe(ToolApprovalStatus.Pending, "another run's approval does not count");

        var result = new ReviewGateResult { Level = AutonomyLevel.ProposalWithApproval, Outcome = ReviewGateOutcome.Approved, ToolName = "issue_refund", Arguments = item.ProposedAction, ActionHash = item.ActionHash };
        result.Authorizes("issue_refund", approvedArgs).ShouldBeTrue();
        result.Authorizes("issue_refund", changedArgs).ShouldBeFalse();
        result.Authorizes("cancel_order", approvedArgs).ShouldBeFalse();
    }

    [Fact]
    public async Task ApprovalGate_RejectedAction_IsRefused()
    {
        await using var h = await ReviewHarness.OpenAsync();
        var item = Items.New("rev_no", h.Clock.GetUtcNow(), runId: "run_9");
        await h.Reviews.CreateAsync(item, default);
        await h.Service.DecideAsync("rev_no", new ReviewDecision(ReviewStatus.Rejected, "alice", "fraud"), default);

        var decision = await new ReviewApprovalGate(h.Reviews).RequestApprovalAsync(Request("run_9", JsonDocument.Parse(item.ProposedAction).RootElement), default);

        decision.Status.ShouldBe(ToolApprovalStatus.Rejected);
        decision.Reason.ShouldBe("fraud");
    }

    private static ToolApprovalRequest Request(string runId, JsonElement arguments) =>
        new(runId, "refund-agent", "issue_refund", ToolEffect.Destructive, arguments, ActionHash.Compute("issue_refund", arguments));

    private async Task<ReviewHarness> StartAsync(AutonomyLevel level, double auditRate = 0.1)
    {
        var h = await ReviewHarness.OpenAsync();
        h.Policy = new AutonomyPolicy([], level);
        var options = new ReviewGateOptions { AuditSampleRate = auditRate };
        options.Queues.Add(new ReviewQueueOptions { Name = "finance", Sla = TimeSpan.FromHours(4), OnTimeout = ReviewTimeoutAction.Escalate, EscalateTo = "lead", HumanCostPerEscalation = 4.70m });
        options.Queues.Add(new ReviewQueueOptions { Name = "lead", Sla = TimeSpan.FromHours(8), OnTimeout = ReviewTimeoutAction.Reject, HumanCostPerEscalation = 9.40m });
        await h.StartAsync(x => [new GatedWorkflow(x.Gate(options), _executed)]);
        return h;
    }

    private static async Task<string> SubmitAsync(ReviewHarness h, decimal amount, string queue = "finance") =>
        (await h.Engine.SubmitAsync(GatedWorkflow.WorkflowName, new GatedInput(amount, queue))).Run.RunId;

    private static async Task<ReviewGateResult> FinishAsync(ReviewHarness h, string runId, TimeSpan? tick = null)
    {
        var run = await h.RunReachesAsync(runId, RunStatus.Completed, tick);
        return h.Engine.ReadOutput<ReviewGateResult>(run)!;
    }
}
