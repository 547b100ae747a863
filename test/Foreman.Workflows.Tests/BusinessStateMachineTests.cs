using Foreman.Workflows;
using Foreman.Workflows.States;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows.Tests;

public sealed class BusinessStateMachineTests
{
    private sealed record Input(string Id, int PlanningFailures = 0, int ExecutionFailures = 0, bool Invalid = false);

    // Each state does a little journaled work; failures are injected by count so retries can succeed.
    private static readonly IWorkflow Pipeline = new DelegateWorkflow<Input, string>("pipeline", (ctx, input) =>
        ctx.RunStateMachineAsync(BusinessStateMachine.ApprovalPipeline, async (state, name) =>
        {
            switch (name)
            {
                case "INTAKE":
                    return input.Invalid ? "REJECTED" : "VALIDATING";
                case "VALIDATING":
                    return "PLANNING";
                case "PLANNING":
                    await state.StepAsync("plan", (_, _) => Probe.Hit($"{input.Id}:plan") <= input.PlanningFailures
                        ? throw new InvalidOperationException("planner unavailable")
                        : Task.FromResult(true), new StepOptions { Retry = StepRetryPolicy.None });
                    return "EXECUTING";
                case "EXECUTING":
                    await state.StepAsync("first", (_, _) => Task.FromResult(Probe.Hit($"{input.Id}:first")));
                    await state.StepAsync("second", (_, _) => Probe.Hit($"{input.Id}:second") <= input.ExecutionFailures
                        ? throw new InvalidOperationException("executor glitch")
                        : Task.FromResult(true));
                    return "REVIEWING";
                case "REVIEWING":
                    var review = await state.WaitForEventAsync<EscalationDecision>("escalation:REVIEWING");
                    return review.Value!.NextState;
                default:
                    return "FAILED";
            }
        }));

    [Fact]
    public async Task Template_DeclaresTheRequiredTable()
    {
        var machine = BusinessStateMachine.ApprovalPipeline;

        machine.Initial.ShouldBe("INTAKE");
        machine["INTAKE"].Next.ShouldBe(["VALIDATING", "REJECTED"]);
        machine["VALIDATING"].Next.ShouldBe(["PLANNING", "REJECTED"]);
        machine["PLANNING"].Next.ShouldBe(["EXECUTING", "FAILED"]);
        machine["PLANNING"].OnFailure.ShouldBeOfType<StateFailurePolicy.RetryThenEscalatePolicy>().Retries.ShouldBe(3);
        machine["EXECUTING"].OnFailure.ShouldBeOfType<StateFailurePolicy.CheckpointAndRetryPolicy>();
        machine["REVIEWING"].Next.ShouldBe(["COMPLETE", "REVISING"]);
        machine["REVIEWING"].OnFailure.ShouldBeOfType<StateFailurePolicy.HumanEscalationPolicy>();
        machine.CanTransition("INTAKE", "PLANNING").ShouldBeFalse();
        await Task.CompletedTask;
    }

    [Fact]
    public async Task HappyPath_ReachesCompleteThroughAHumanReview()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var harness = await EngineHarness.StartAsync(Pipeline);
        var (run, _) = await harness.Engine.SubmitAsync("pipeline", new Input(id));

        var waiting = await harness.WaitForAsync(run.RunId, null, RunStatus.Waiting);
        waiting.BusinessState.ShouldBe("REVIEWING");
        await harness.Engine.DeliverEventAsync(run.RunId, "escalation:REVIEWING", new EscalationDecision("COMPLETE", "ana"));
        var done = await harness.WaitForAsync(run.RunId);

        harness.Engine.ReadOutput<string>(done).ShouldBe("COMPLETE");
        done.BusinessState.ShouldBe("COMPLETE");
    }

    [Fact]
    public async Task Planning_FailsFourTimes_IsRetriedThreeTimesThenEscalated()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var harness = await EngineHarness.StartAsync(Pipeline);
        var (run, _) = await harness.Engine.SubmitAsync("pipeline", new Input(id, PlanningFailures: 4));

        var escalated = await harness.WaitUntilAsync(run.RunId, r => r.Status == RunStatus.Waiting && r.WaitingFor.Contains("escalation:PLANNING"), TimeSpan.FromSeconds(10));

        escalated.WaitingFor.ShouldContain("escalation:PLANNING");
        Probe.Count($"{id}:plan").ShouldBe(4, "one attempt and three retries");
        await harness.Engine.DeliverEventAsync(run.RunId, "escalation:PLANNING", new EscalationDecision("FAILED", "ops"));
        var done = await harness.WaitForAsync(run.RunId);

        harness.Engine.ReadOutput<string>(done).ShouldBe("FAILED");
    }

    [Fact]
    public async Task Executing_StepFailure_RetriesFromTheLastStep()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var harness = await EngineHarness.StartAsync(Pipeline);
        var (run, _) = await harness.Engine.SubmitAsync("pipeline", new Input(id, ExecutionFailures: 2));

        var review = await harness.WaitUntilAsync(run.RunId, r => r.Status == RunStatus.Waiting && r.BusinessState == "REVIEWING", TimeSpan.FromSeconds(10));

        review.BusinessState.ShouldBe("REVIEWING");
        Probe.Count($"{id}:first").ShouldBe(1, "the checkpointed step was not redone");
        Probe.Count($"{id}:second").ShouldBe(3);
    }

    [Fact]
    public async Task Rejected_AtIntake_EndsInRejected()
    {
        await using var harness = await EngineHarness.StartAsync(Pipeline);
        var (run, _) = await harness.Engine.SubmitAsync("pipeline", new Input(Guid.NewGuid().ToString("N"), Invalid: true));

        var done = await harness.WaitForAsync(run.RunId);

        harness.Engine.ReadOutput<string>(done).ShouldBe("REJECTED");
    }

    private static readonly IWorkflow Rogue = new DelegateWorkflow<Input, string>("rogue", (ctx, _) =>
        ctx.RunStateMachineAsync(BusinessStateMachine.ApprovalPipeline, (_, name) => Task.FromResult(name == "INTAKE" ? "COMPLETE" : "FAILED")));

    [Fact]
    public async Task InvalidTransition_IsRefusedAndTheRunFails()
    {
        await using var harness = await EngineHarness.StartAsync(Rogue);
        var (run, _) = await harness.Engine.SubmitAsync("rogue", new Input("x"));

        var failed = await harness.WaitForAsync(run.RunId);

        failed.Status.ShouldBe(RunStatus.Failed);
        failed.Error.ShouldNotBeNull();
        failed.Error.ShouldContain("invalid_transition");
    }
}
