using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows.Tests;

public sealed class WorkflowEngineTests
{
    private sealed record Input(string Id, int Fail = 0);

    private static readonly IWorkflow ThreeSteps = new DelegateWorkflow<Input, string>("three-steps", async (ctx, input) =>
    {
        var a = await ctx.StepAsync("a", (_, _) => Task.FromResult(Probe.Hit($"{input.Id}:a")));
        var b = await ctx.StepAsync("b", async (step, ct) =>
        {
            Probe.Hit($"{input.Id}:b");
            await Probe.Gate($"{input.Id}:b").WaitAsync(ct);
            return step.IdempotencyKey;
        });
        var c = await ctx.StepAsync("c", (_, _) => Task.FromResult(Probe.Hit($"{input.Id}:c")));
        return $"{a}|{b}|{c}";
    });

    [Fact]
    public async Task Run_CompletesWithTheOutputOfItsSteps()
    {
        var id = Guid.NewGuid().ToString("N");
        Probe.Open($"{id}:b");
        await using var harness = await EngineHarness.StartAsync(ThreeSteps);

        var (run, created) = await harness.Engine.SubmitAsync("three-steps", new Input(id));
        var done = await harness.WaitForAsync(run.RunId);

        created.ShouldBeTrue();
        done.Status.ShouldBe(RunStatus.Completed);
        harness.Engine.ReadOutput<string>(done).ShouldBe($"1|{run.RunId}:2|1");
    }

    [Fact]
    public async Task Restart_MidRun_FinishedStepsAreNotRunAgain()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var harness = await EngineHarness.StartAsync(ThreeSteps);
        var (run, _) = await harness.Engine.SubmitAsync("three-steps", new Input(id));
        await Eventually(() => Probe.Count($"{id}:b") == 1);

        // The worker dies inside step b: step a is journaled, b never finished.
        await harness.RestartAsync();
        Probe.Open($"{id}:b");
        var done = await harness.WaitForAsync(run.RunId, tick: TimeSpan.FromSeconds(30));

        done.Status.ShouldBe(RunStatus.Completed);
        Probe.Count($"{id}:a").ShouldBe(1);
        Probe.Count($"{id}:b").ShouldBe(2);
        Probe.Count($"{id}:c").ShouldBe(1);
        harness.Engine.ReadOutput<string>(done).ShouldBe($"1|{run.RunId}:2|1", "the re-run step saw the same idempotency key");
    }

    [Fact]
    public async Task Submit_SameIdempotencyKey_ReturnsTheExistingRun()
    {
        var id = Guid.NewGuid().ToString("N");
        Probe.Open($"{id}:b");
        await using var harness = await EngineHarness.StartAsync(ThreeSteps);

        var first = await harness.Engine.SubmitAsync("three-steps", new Input(id), idempotencyKey: $"order-{id}");
        var second = await harness.Engine.SubmitAsync("three-steps", new Input(id), idempotencyKey: $"order-{id}");

        second.Created.ShouldBeFalse();
        second.Run.RunId.ShouldBe(first.Run.RunId);
        (await harness.WaitForAsync(first.Run.RunId)).Status.ShouldBe(RunStatus.Completed);
        Probe.Count($"{id}:a").ShouldBe(1);
    }

    [Fact]
    public async Task Submit_UnknownWorkflow_IsRefused()
    {
        await using var harness = await EngineHarness.StartAsync(ThreeSteps);

        await Should.ThrowAsync<ArgumentException>(() => harness.Engine.SubmitAsync("nope", new Input("x")));
    }

    private static readonly IWorkflow Flaky = new DelegateWorkflow<Input, int>("flaky", async (ctx, input) =>
    {
        await ctx.StepAsync("before", (_, _) => Task.FromResult(Probe.Hit($"{input.Id}:before")));
        return await ctx.StepAsync("flaky", (step, _) =>
        {
            var n = Probe.Hit($"{input.Id}:flaky");
            Probe.Hit($"{input.Id}:key:{step.IdempotencyKey}");
            return n <= input.Fail ? throw new InvalidOperationException($"attempt {n} failed") : Task.FromResult(step.Attempt);
        }, new StepOptions { Retry = new StepRetryPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.FromMinutes(1) } });
    });

    [Fact]
    public async Task StepFailure_RetriedWithDurableBackoff_ThenSucceeds()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var harness = await EngineHarness.StartAsync(Flaky);

        var (run, _) = await harness.Engine.SubmitAsync("flaky", new Input(id, Fail: 2));
        var waiting = await harness.WaitForAsync(run.RunId, null, RunStatus.Waiting);
        waiting.WakeAt.ShouldNotBeNull();
        (waiting.WakeAt.Value - harness.Clock.GetUtcNow()).ShouldBeGreaterThan(TimeSpan.FromSeconds(59), "the retry is a durable timer a minute away");

        var done = await harness.WaitForAsync(run.RunId, tick: TimeSpan.FromSeconds(30));

        done.Status.ShouldBe(RunStatus.Completed);
        harness.Engine.ReadOutput<int>(done).ShouldBe(3);
        Probe.Count($"{id}:before").ShouldBe(1);
        Probe.Count($"{id}:key:{run.RunId}:2").ShouldBe(3, "every attempt received the same idempotency key");
    }

    [Fact]
    public async Task StepFailure_AfterLastAttempt_DeadLetters_AndRequeueResumesFromThatStep()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var harness = await EngineHarness.StartAsync(Flaky);

        var (run, _) = await harness.Engine.SubmitAsync("flaky", new Input(id, Fail: 3));
        var dead = await harness.WaitForAsync(run.RunId, tick: TimeSpan.FromSeconds(30), RunStatus.DeadLettered);
        dead.Error.ShouldNotBeNull();
        dead.Error.ShouldContain("attempt 3 failed");
        (await harness.Store.ListRunsAsync(new RunQuery { Status = RunStatus.DeadLettered }, CancellationToken.None)).Select(r => r.RunId).ShouldContain(run.RunId);

        (await harness.Engine.RequeueAsync(run.RunId)).ShouldBe(CommitStatus.Committed);
        var done = await harness.WaitForAsync(run.RunId, tick: TimeSpan.FromSeconds(30));

        done.Status.ShouldBe(RunStatus.Completed);
        Probe.Count($"{id}:before").ShouldBe(1, "the finished step kept its result through dead-lettering and requeue");
        Probe.Count($"{id}:flaky").ShouldBe(4);
    }

    private static readonly IWorkflow Approval = new DelegateWorkflow<Input, string>("approval", async (ctx, input) =>
    {
        await ctx.StepAsync("propose", (_, _) => Task.FromResult(Probe.Hit($"{input.Id}:propose")));
        var decision = await ctx.WaitForEventAsync<string>("approval", TimeSpan.FromDays(7));
        if (decision.TimedOut)
        {
            await ctx.StepAsync("escalate", (_, _) => Task.FromResult(Probe.Hit($"{input.Id}:timeout")));
            return "timed out";
        }

        return $"decided: {decision.Value}";
    });

    [Fact]
    public async Task WaitForEvent_DeliveredEvent_ResumesTheRun()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var harness = await EngineHarness.StartAsync(Approval);
        var (run, _) = await harness.Engine.SubmitAsync("approval", new Input(id));
        var waiting = await harness.WaitForAsync(run.RunId, null, RunStatus.Waiting);
        waiting.WaitingFor.ShouldContain("approval");

        (await harness.Engine.DeliverEventAsync(run.RunId, "approval", "approved by ana", dedupeKey: "d1")).ShouldBe(DeliveryStatus.Delivered);
        var done = await harness.WaitForAsync(run.RunId);

        harness.Engine.ReadOutput<string>(done).ShouldBe("decided: approved by ana");
        (await harness.Engine.DeliverEventAsync(run.RunId, "approval", "again", dedupeKey: "d1")).ShouldNotBe(DeliveryStatus.Delivered);
        Probe.Count($"{id}:propose").ShouldBe(1);
    }

    [Fact]
    public async Task WaitForEvent_SevenDayTimeout_FiresExactlyOnce_AcrossARestart()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var harness = await EngineHarness.StartAsync(Approval);
        var (run, _) = await harness.Engine.SubmitAsync("approval", new Input(id));
        var waiting = await harness.WaitForAsync(run.RunId, null, RunStatus.Waiting);
        waiting.WakeAt.ShouldNotBeNull().ShouldBe(harness.Clock.GetUtcNow() + TimeSpan.FromDays(7), TimeSpan.FromSeconds(1));

        await harness.RestartAsync();
        harness.Clock.Advance(TimeSpan.FromDays(6));
        (await harness.Store.GetRunAsync(run.RunId, CancellationToken.None))!.Status.ShouldBe(RunStatus.Waiting);
        harness.Clock.Advance(TimeSpan.FromDays(1));
        var done = await harness.WaitForAsync(run.RunId, tick: TimeSpan.FromSeconds(1));
        harness.Clock.Advance(TimeSpan.FromDays(30));
        await harness.RestartAsync();

        harness.Engine.ReadOutput<string>(done).ShouldBe("timed out");
        Probe.Count($"{id}:timeout").ShouldBe(1);
        (await harness.Store.GetRunAsync(run.RunId, CancellationToken.None))!.Status.ShouldBe(RunStatus.Completed);
        Probe.Count($"{id}:timeout").ShouldBe(1);
    }

    [Fact]
    public async Task Replay_CodeChangedUnderAWaitingRun_SuspendsWithADivergenceError()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var harness = await EngineHarness.StartAsync(Approval);
        var (run, _) = await harness.Engine.SubmitAsync("approval", new Input(id));
        await harness.WaitForAsync(run.RunId, null, RunStatus.Waiting);

        var changed = new DelegateWorkflow<Input, string>("approval", async (ctx, input) =>
        {
            await ctx.StepAsync("renamed-step", (_, _) => Task.FromResult(1));
            return "new code";
        });
        await harness.RestartAsync(changed);
        await harness.Engine.DeliverEventAsync(run.RunId, "approval", "yes");
        var suspended = await harness.WaitForAsync(run.RunId);

        suspended.Status.ShouldBe(RunStatus.Suspended);
        suspended.Error.ShouldNotBeNull();
        suspended.Error.ShouldContain("divergence");
        suspended.Error.ShouldContain("renamed-step");
    }

    [Fact]
    public async Task Cancel_RunningRun_IsCancelledAndItsWorkerIsFenced()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var harness = await EngineHarness.StartAsync(ThreeSteps);
        var (run, _) = await harness.Engine.SubmitAsync("three-steps", new Input(id));
        await Eventually(() => Probe.Count($"{id}:b") == 1);

        (await harness.Engine.CancelAsync(run.RunId, "customer withdrew")).ShouldBe(CommitStatus.Committed);
        Probe.Open($"{id}:b");
        await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);

        var cancelled = await harness.Store.GetRunAsync(run.RunId, CancellationToken.None);
        cancelled!.Status.ShouldBe(RunStatus.Cancelled);
        Probe.Count($"{id}:c").ShouldBe(0, "the fenced worker wrote nothing and went no further");
        (await harness.Store.GetJournalAsync(run.RunId, CancellationToken.None)).Select(e => e.Name).ShouldNotContain("b");
    }

    internal static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }

        condition().ShouldBeTrue();
    }
}
