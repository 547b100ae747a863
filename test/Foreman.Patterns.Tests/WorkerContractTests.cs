using System.Collections.Concurrent;
using System.Text.Json;
using Foreman.Patterns.Workers;
using Foreman.Schema;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Patterns.Tests;

public sealed class WorkerContractTests
{
    [Fact]
    public async Task Dispatch_FailingWorker_RetriesOnDurableTimersThenFallsBack()
    {
        var calls = new ConcurrentDictionary<string, int>();
        var primary = PatternHarness.Flaky("primary", 99, new { }, calls);
        var fallback = PatternHarness.Flaky("fallback", 0, new { answer = 42 }, calls);
        var options = new DispatchOptions { Retry = new StepRetryPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.FromMinutes(1) }, Fallback = fallback };

        var (result, run, engine) = await PatternHarness.RunAsync(ctx => WorkDispatcher.DispatchAsync(ctx, primary, WorkTask.Create("t1", "answer", new { q = "?" }), options), TimeSpan.FromSeconds(30));
        await using var _ = engine;

        result.Status.ShouldBe(WorkStatus.Success);
        result.Worker.ShouldBe("fallback");
        result.Attempts.ShouldBe(4, "three attempts of the primary, then the fallback");
        result.Output!.Value.GetProperty("answer").GetInt32().ShouldBe(42);
        calls["primary"].ShouldBe(3);
        calls["fallback"].ShouldBe(1);

        // The retries waited on durable timers (the run parked in the store), not in an in-memory loop.
        var journal = await engine.Store.GetJournalAsync(run.RunId, CancellationToken.None);
        journal.Where(e => e.Kind == JournalEntryKind.Timer && e.Name == "retry:primary:t1").Select(e => e.Key).Distinct().Count().ShouldBe(2);
        run.Claims.ShouldBeGreaterThanOrEqualTo(3, "each retry was claimed again from the store when it fell due");
    }

    [Fact]
    public async Task Dispatch_NeedsHuman_IsReturnedAtOnceWithoutRetry()
    {
        var calls = 0;
        var worker = new DelegateWorker("asks", (_, task) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(WorkResult.NeedsHuman(task, "asks", "the customer threatens legal action", PatternHarness.Json(new { draft = "Hello" })));
        });

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => WorkDispatcher.DispatchAsync(ctx, worker, WorkTask.Create("t", "k", new { })));
        await using var _ = engine;

        result.Status.ShouldBe(WorkStatus.NeedsHuman);
        result.Error.ShouldBe("the customer threatens legal action");
        result.Output!.Value.GetProperty("draft").GetString().ShouldBe("Hello");
        calls.ShouldBe(1);
    }

    [Fact]
    public async Task Dispatch_InputBreaksTheContract_NoWorkerIsPaid()
    {
        var calls = new ConcurrentDictionary<string, int>();
        var worker = PatternHarness.Flaky("w", 0, new { }, calls);
        var options = new DispatchOptions { InputSchema = JsonSchema.Parse("""{"type":"object","required":["order_id"]}""") };

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => WorkDispatcher.DispatchAsync(ctx, worker, WorkTask.Create("t", "k", new { text = "no id" }), options));
        await using var _ = engine;

        result.Status.ShouldBe(WorkStatus.Failure);
        result.Attempts.ShouldBe(0);
        result.Error!.ShouldContain("input breaks the worker's contract");
        calls.ContainsKey("w").ShouldBeFalse();
    }

    [Fact]
    public async Task Dispatch_OutputBreaksTheSchema_CountsAsAFailedAttempt()
    {
        var calls = new ConcurrentDictionary<string, int>();
        var worker = PatternHarness.Flaky("w", 0, new { total = "twelve" }, calls);
        var options = new DispatchOptions
        {
            Retry = new StepRetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.FromSeconds(1) },
            OutputSchema = JsonSchema.Parse("""{"type":"object","properties":{"total":{"type":"number"}},"required":["total"]}"""),
        };

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => WorkDispatcher.DispatchAsync(ctx, worker, WorkTask.Create("t", "k", new { }), options));
        await using var _ = engine;

        result.Status.ShouldBe(WorkStatus.Failure);
        result.Error!.ShouldContain("breaks the contract");
        result.Attempts.ShouldBe(2);
        calls["w"].ShouldBe(2);
    }

    [Fact]
    public async Task AgentWorker_MapsTheAgentResultOntoTheContract_WithCost()
    {
        var (runtime, _) = PatternHarness.Runtime((_, request) => $$"""{"label":"{{(request.Contains("refund", StringComparison.Ordinal) ? "returns" : "other")}}","confidence":0.8}""");
        using var __ = runtime;
        var worker = new AgentWorker(runtime, PatternHarness.Agent("labeler", """{"type":"object","properties":{"label":{"type":"string"},"confidence":{"type":"number"}},"required":["label"]}"""));

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => worker.ExecuteAsync(ctx, new WorkTask("t", "label", JsonSerializer.SerializeToElement("I want a refund"))));
        await using var _ = engine;

        result.Status.ShouldBe(WorkStatus.Success);
        result.Output!.Value.GetProperty("label").GetString().ShouldBe("returns");
        result.Confidence.ShouldBe(0.8);
        result.Cost.ShouldBeGreaterThan(0m);
        result.ModelCalls.ShouldBe(1);
        result.Model.ShouldBe("gpt-4o-mini");
    }
}
