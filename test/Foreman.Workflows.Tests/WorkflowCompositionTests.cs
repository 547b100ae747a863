using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows.Tests;

public sealed class WorkflowCompositionTests
{
    private sealed record Input(string Id, int Value = 0);

    private static readonly IWorkflow Doubler = new DelegateWorkflow<Input, int>("doubler", async (ctx, input) =>
        await ctx.StepAsync("double", (_, _) => Task.FromResult(Probe.Hit($"{input.Id}:child") > 0 ? input.Value * 2 : 0)));

    private static readonly IWorkflow Parent = new DelegateWorkflow<Input, int>("parent", async (ctx, input) =>
    {
        var child = await ctx.RunChildAsync<Input, int>("doubler", input with { Value = 21 });
        return child.Succeeded ? child.Output : -1;
    });

    [Fact]
    public async Task RunChild_WaitsForTheChildAndReturnsItsOutput()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var harness = await EngineHarness.StartAsync(Doubler, Parent);

        var (run, _) = await harness.Engine.SubmitAsync("parent", new Input(id));
        var done = await harness.WaitForAsync(run.RunId, tick: TimeSpan.FromSeconds(1));

        done.Status.ShouldBe(RunStatus.Completed);
        harness.Engine.ReadOutput<int>(done).ShouldBe(42);
        Probe.Count($"{id}:child").ShouldBe(1);
        var children = await harness.Store.ListRunsAsync(new RunQuery { Workflow = "doubler" }, CancellationToken.None);
        children.Single(c => c.ParentRunId == run.RunId).Status.ShouldBe(RunStatus.Completed);
    }

    private static readonly IWorkflow FanOut = new DelegateWorkflow<Input, int[]>("fan-out", async (ctx, input) =>
    {
        var results = await ctx.ParallelAsync(Enumerable.Range(1, 3).Select(i => (Func<WorkflowContext, Task<int>>)(async branch =>
        {
            var x = await branch.StepAsync("load", (_, _) =>
            {
                Probe.Hit($"{input.Id}:load:{i}");
                return Task.FromResult(i);
            });
            return await branch.StepAsync("square", (_, _) => Task.FromResult(x * x));
        })));
        await ctx.WaitForEventAsync<string>("go");
        return results;
    });

    [Fact]
    public async Task Parallel_BranchesAreJournaledSeparately_AndReplayDoesNotRerunThem()
    {
        var id = Guid.NewGuid().ToString("N");
        await using var harness = await EngineHarness.StartAsync(FanOut);
        var (run, _) = await harness.Engine.SubmitAsync("fan-out", new Input(id));
        await harness.WaitForAsync(run.RunId, null, RunStatus.Waiting);

        await harness.RestartAsync();
        await harness.Engine.DeliverEventAsync(run.RunId, "go", "now");
        var done = await harness.WaitForAsync(run.RunId);

        harness.Engine.ReadOutput<int[]>(done).ShouldBe([1, 4, 9]);
        Enumerable.Range(1, 3).ShouldAllBe(i => Probe.Count($"{id}:load:{i}") == 1);
        var keys = (await harness.Store.GetJournalAsync(run.RunId, CancellationToken.None)).Select(e => e.Key).ToList();
        keys.ShouldContain("1/2/1");
        keys.ShouldContain("1/3/2");
    }

    private sealed record Values(DateTimeOffset Now, Guid Id, int Random);

    private static readonly IWorkflow Deterministic = new DelegateWorkflow<Input, Values[]>("deterministic", async (ctx, input) =>
    {
        var before = new Values(ctx.UtcNow, ctx.NewGuid(), ctx.Random.Next());
        await ctx.StepAsync("save", (_, _) => Task.FromResult(true));
        await ctx.WaitForEventAsync<string>("go");
        return [before, new Values(ctx.UtcNow, ctx.NewGuid(), ctx.Random.Next())];
    });

    [Fact]
    public async Task TimeRandomAndIds_AreTheSameOnReplay()
    {
        await using var harness = await EngineHarness.StartAsync(Deterministic);
        var (run, _) = await harness.Engine.SubmitAsync("deterministic", new Input("x"));
        await harness.WaitForAsync(run.RunId, null, RunStatus.Waiting);
        var firstNow = harness.Clock.GetUtcNow();

        harness.Clock.Advance(TimeSpan.FromHours(5));
        await harness.Engine.DeliverEventAsync(run.RunId, "go", "now");
        var values = harness.Engine.ReadOutput<Values[]>(await harness.WaitForAsync(run.RunId))!;

        values[0].Now.ShouldBe(firstNow, TimeSpan.FromSeconds(1), "the recorded time, not the replay's time");
        values[1].Now.ShouldBe(firstNow + TimeSpan.FromHours(5), TimeSpan.FromSeconds(1));
        values[0].Id.ShouldNotBe(values[1].Id);
        var journal = await harness.Store.GetJournalAsync(run.RunId, CancellationToken.None);
        journal.Count(e => e.Kind == JournalEntryKind.Value).ShouldBe(2);
    }

    private static readonly IWorkflow Thrower = new DelegateWorkflow<Input, int>("thrower", (_, _) =>
        throw new WorkflowFailedException(new RunError("bad_input", "The invoice has no lines.")));

    [Fact]
    public async Task WorkflowFailedException_EndsTheRunAsFailedWithTheError()
    {
        await using var harness = await EngineHarness.StartAsync(Thrower);

        var (run, _) = await harness.Engine.SubmitAsync("thrower", new Input("x"));
        var failed = await harness.WaitForAsync(run.RunId);

        failed.Status.ShouldBe(RunStatus.Failed);
        failed.Error.ShouldNotBeNull();
        failed.Error.ShouldContain("bad_input");
    }

    [Fact]
    public async Task UnknownWorkflowOnTheWorker_SuspendsTheRun()
    {
        await using var harness = await EngineHarness.StartAsync(Thrower);

        var orphan = await harness.Store.CreateRunAsync(new NewRun("run_orphan", "retired-workflow", "{}", null, null, harness.Clock.GetUtcNow()), CancellationToken.None);
        var suspended = await harness.WaitForAsync(orphan.Run.RunId, tick: TimeSpan.FromSeconds(1));

        suspended.Status.ShouldBe(RunStatus.Suspended);
        suspended.Error.ShouldNotBeNull();
        suspended.Error.ShouldContain("retired-workflow");
    }
}
