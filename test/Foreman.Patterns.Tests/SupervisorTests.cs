using System.Collections.Concurrent;
using System.Text.Json;
using Foreman.Agents;
using Foreman.Patterns.Routing;
using Foreman.Patterns.Supervision;
using Foreman.Patterns.Workers;
using Foreman.Telemetry;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Patterns.Tests;

public sealed class SupervisorTests
{
    private const string FieldSchema = """{"type":"object","properties":{"confidence":{"type":"number"}},"minProperties":1}""";

    [Fact]
    public async Task Supervisor_SpecialistKeepsFailing_EscalatesWithoutLosingTheFinishedResults_AndReplayPaysNothingTwice()
    {
        // Two specialists are agents on the simulated model; the third is a worker that is always down.
        var (runtime, provider) = PatternHarness.Runtime((model, _) => model == "vendor-model" ? """{"vendor":"Northwind","confidence":0.9}""" : """{"total":575.0,"confidence":0.8}""");
        using var __ = runtime;
        var calls = new ConcurrentDictionary<string, int>();
        var supervisor = new Supervisor("invoice-desk", RuleRouter.All("vendor", "total", "tax"), [
            new Specialist("vendor", new AgentWorker(runtime, PatternHarness.Agent("vendor-reader", FieldSchema, "vendor-model"))),
            new Specialist("total", new AgentWorker(runtime, PatternHarness.Agent("total-reader", FieldSchema, "total-model"))),
            new Specialist("tax", PatternHarness.Flaky("tax-service", 99, new { }, calls))
            {
                Dispatch = new DispatchOptions { Retry = new StepRetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.FromSeconds(10) }, Fallback = PatternHarness.Flaky("tax-backup", 99, new { }, calls) },
            },
        ]);

        // After the supervisor the run waits for an event; the resume replays the workflow from the top.
        var name = "supervised-" + Guid.NewGuid().ToString("N")[..8];
        var workflow = new DelegateWorkflow<string, SupervisorResult>(name, async (ctx, _) =>
        {
            var result = await supervisor.RunAsync(ctx, WorkTask.Create("doc-1", "invoice", new { text = "INVOICE" }));
            await ctx.WaitForEventAsync<string>("resume");
            return result;
        });
        await using var engine = await Foreman.Workflows.Tests.EngineHarness.StartAsync(workflow);
        var (run, _) = await engine.Engine.SubmitAsync(name, "go");
        await engine.WaitUntilAsync(run.RunId, r => r.Status == RunStatus.Waiting && r.WaitingFor.Contains("resume"), TimeSpan.FromSeconds(15));
        var paidBeforeReplay = provider.Log.Count;
        await engine.Engine.DeliverEventAsync(run.RunId, "resume", "now");
        var done = await engine.WaitForAsync(run.RunId, TimeSpan.FromSeconds(15));
        var result = engine.Engine.ReadOutput<SupervisorResult>(done)!;

        result.Status.ShouldBe(WorkStatus.NeedsHuman);
        result.Output!.Value.GetProperty("vendor").GetString().ShouldBe("Northwind");
        result.Output!.Value.GetProperty("total").GetDecimal().ShouldBe(575.0m);
        result.Specialists["tax"].Status.ShouldBe(WorkStatus.Failure);
        result.Specialists["tax"].Attempts.ShouldBe(3, "two attempts of the primary, then the fallback");
        result.Escalations.ShouldHaveSingleItem().ShouldContain("tax (tax-backup) failure after 3 attempt(s)");
        calls["tax-service"].ShouldBe(2);
        calls["tax-backup"].ShouldBe(1);
        paidBeforeReplay.ShouldBe(2);
        provider.Log.Count.ShouldBe(2, "the replay after the wait took both finished agents' answers from the journal");
        result.Cost.ShouldBe(result.Specialists["vendor"].Cost + result.Specialists["total"].Cost);
    }

    [Fact]
    public async Task RuleRouter_DecisionIsJournaledAndOnTheSpan()
    {
        using var spans = new SpanCollector();
        var taskId = "route-" + Guid.NewGuid().ToString("N")[..8];
        var router = new RuleRouter([
            new RouteRule("director", input => input.GetProperty("total").GetDecimal() > 10_000m, "total above 10,000"),
            new RouteRule("standard", _ => true, "every invoice"),
        ]);
        var supervisor = new Supervisor("approvals", router, [
            new Specialist("director", FunctionWorker.FromFunc("director-queue", _ => PatternHarness.Json(new { queue = "finance-director" }))),
            new Specialist("standard", FunctionWorker.FromFunc("standard-queue", _ => PatternHarness.Json(new { queue = "standard" }))),
        ]);

        var (result, run, engine) = await PatternHarness.RunAsync(ctx => supervisor.RunAsync(ctx, WorkTask.Create(taskId, "approve", new { total = 12_480m })));
        await using var _ = engine;

        result.Status.ShouldBe(WorkStatus.Success);
        result.Decision.Routes.ShouldBe(["director"], "without fan-out the first matching rule wins");
        result.Decision.Reason.ShouldBe("total above 10,000");
        result.Output!.Value.GetProperty("queue").GetString().ShouldBe("finance-director");
        var journal = await engine.Store.GetJournalAsync(run.RunId, CancellationToken.None);
        journal.ShouldContain(e => e.Name == "route" && e.Payload!.Contains("director", StringComparison.Ordinal));

        var supervisorSpan = spans.Pattern("supervisor").Single(s => (s.GetTagItem(PatternAttributes.TaskId) as string) == taskId);
        supervisorSpan.GetTagItem(GenAIAttributes.OperationName).ShouldBe("invoke_agent");
        supervisorSpan.GetTagItem(GenAIAttributes.AgentName).ShouldBe("approvals");
        var routeSpan = spans.Pattern("router").Single(s => s.ParentSpanId == supervisorSpan.SpanId);
        routeSpan.GetTagItem(PatternAttributes.Route).ShouldBe("director");
        routeSpan.GetTagItem(PatternAttributes.RouterKind).ShouldBe("rules");
        routeSpan.GetTagItem(PatternAttributes.RouteReason).ShouldBe("total above 10,000");
    }

    [Fact]
    public async Task AgentRouter_ChoosesARouteThatDoesNotExist_AsksAPerson()
    {
        var (runtime, _) = PatternHarness.Runtime((_, _) => """{"route":"billing","reason":"mentions an invoice","confidence":0.9}""");
        using var __ = runtime;
        var router = new AgentRouter(runtime, PatternHarness.Agent("triage", """{"type":"object","properties":{"route":{"type":"string"}},"required":["route"]}"""));
        var supervisor = new Supervisor("desk", router, [new Specialist("returns", FunctionWorker.FromFunc("returns", _ => PatternHarness.Json(new { ok = true })))]);

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => supervisor.RunAsync(ctx, new WorkTask("t", "ticket", JsonSerializer.SerializeToElement("my invoice is wrong"))));
        await using var _ = engine;

        result.Status.ShouldBe(WorkStatus.NeedsHuman);
        result.Decision.Routes.ShouldBeEmpty();
        result.Decision.Router.ShouldBe("model");
        result.Escalations.ShouldHaveSingleItem().ShouldContain("'billing', which is not a route");
        result.Cost.ShouldBeGreaterThan(0m, "the routing model call is paid for and accounted");
    }

    [Fact]
    public async Task AgentRouter_LowConfidence_TakesTheFallbackRoute()
    {
        var (runtime, _) = PatternHarness.Runtime((_, _) => """{"route":"returns","reason":"unclear","confidence":0.3}""");
        using var __ = runtime;
        var router = new AgentRouter(runtime, PatternHarness.Agent("triage2", """{"type":"object","properties":{"route":{"type":"string"},"confidence":{"type":"number"}},"required":["route"]}""")) { FallbackRoute = "general" };
        var supervisor = new Supervisor("desk2", router, [
            new Specialist("returns", FunctionWorker.FromFunc("returns", _ => PatternHarness.Json(new { answer = "returns" }))),
            new Specialist("general", FunctionWorker.FromFunc("general", _ => PatternHarness.Json(new { answer = "general" }))),
        ]);

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => supervisor.RunAsync(ctx, new WorkTask("t", "ticket", JsonSerializer.SerializeToElement("hm"))));
        await using var _ = engine;

        result.Decision.Routes.ShouldBe(["general"]);
        result.Decision.Reason.ShouldContain("below 0.50");
        result.Output!.Value.GetProperty("answer").GetString().ShouldBe("general");
    }

    [Fact]
    public void MergeConsolidator_Conflict_KeepsTheMoreConfidentValueAndRecordsIt()
    {
        var task = WorkTask.Create("t", "k", new { });
        var decision = new RouteDecision(["a", "b"], "both", "rules");
        var results = new Dictionary<string, WorkResult>
        {
            ["a"] = WorkResult.Success(task, "a", PatternHarness.Json(new { currency = "EUR", vendor = "Northwind" }), 0.6),
            ["b"] = WorkResult.Success(task, "b", PatternHarness.Json(new { currency = "USD", po = "PO-1" }), 0.9),
        };

        var merged = new MergeConsolidator().Consolidate(task, decision, results);
        var escalating = new MergeConsolidator { EscalateConflicts = true }.Consolidate(task, decision, results);

        merged.NeedsHuman.ShouldBeFalse();
        merged.Output!.Value.GetProperty("currency").GetString().ShouldBe("USD");
        merged.Output!.Value.GetProperty("vendor").GetString().ShouldBe("Northwind");
        merged.Output!.Value.GetProperty("po").GetString().ShouldBe("PO-1");
        var conflict = merged.Conflicts.ShouldHaveSingleItem();
        conflict.Field.ShouldBe("currency");
        conflict.ChosenFrom.ShouldBe("b");
        escalating.NeedsHuman.ShouldBeTrue();
        escalating.Reason!.ShouldContain("currency");
    }

    [Fact]
    public void MergeConsolidator_OutputBreaksItsSchema_AsksAPerson()
    {
        var task = WorkTask.Create("t", "k", new { });
        var consolidator = new MergeConsolidator { OutputSchema = Foreman.Schema.JsonSchema.Parse("""{"type":"object","required":["total"]}""") };

        var result = consolidator.Consolidate(task, new RouteDecision(["a"], "r", "rules"), new Dictionary<string, WorkResult> { ["a"] = WorkResult.Success(task, "a", PatternHarness.Json(new { vendor = "x" })) });

        result.NeedsHuman.ShouldBeTrue();
        result.Reason!.ShouldContain("breaks its schema");
    }

    [Fact]
    public void Supervisor_TwoSpecialistsForOneRoute_IsRejected()
    {
        var worker = FunctionWorker.FromFunc("w", _ => default);
        Should.Throw<ArgumentException>(() => new Supervisor("s", RuleRouter.All("a"), [new Specialist("a", worker), new Specialist("a", worker)]))
            .Message.ShouldContain("two specialists for route 'a'");
    }
}
