using System.Collections.Concurrent;
using System.Text.Json;
using Foreman.Patterns.Routing;
using Foreman.Patterns.Supervision;
using Foreman.Patterns.Workers;
using Foreman.Schema;
using Foreman.Telemetry;

namespace Foreman.Patterns.Tests;

public sealed class HierarchicalTests
{
    private const string ChildInput = """{"type":"object","properties":{"text":{"type":"string"}},"required":["text"],"additionalProperties":false}""";

    [Fact]
    public async Task NestedSupervisor_SeesOnlyItsProjection_AndEachLevelShowsItsLatencyInTheTrace()
    {
        using var spans = new SpanCollector();
        var seen = new ConcurrentBag<string>();
        var taskId = "doc-" + Guid.NewGuid().ToString("N")[..8];
        var reader = new FunctionWorker("reader", (task, _) =>
        {
            seen.Add(task.Input.GetRawText());
            return Task.FromResult(PatternHarness.Json(new { supplier = "Saigon Textile Export JSC" }));
        });
        var child = new Supervisor("packing-list", RuleRouter.All("text"), [new Specialist("text", reader)]);
        var parent = new Supervisor("imports", RuleRouter.All("packing_list"), [
            new Specialist("packing_list", child)
            {
                Project = input => JsonSerializer.SerializeToElement(new { text = input.GetProperty("text").GetString() }),
                Dispatch = new DispatchOptions { InputSchema = JsonSchema.Parse(ChildInput), OutputSchema = JsonSchema.Parse("""{"type":"object","required":["supplier"]}""") },
            },
        ]);

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => parent.RunAsync(ctx, WorkTask.Create(taskId, "import", new { text = "PACKING LIST", broker_notes = "customer owes us money" })));
        await using var _ = engine;

        result.Status.ShouldBe(WorkStatus.Success);
        result.Output!.Value.GetProperty("supplier").GetString().ShouldBe("Saigon Textile Export JSC");
        var received = seen.ShouldHaveSingleItem();
        received.ShouldContain("PACKING LIST");
        received.ShouldNotContain("broker_notes", customMessage: "the lower level never sees the upper level's context");

        var top = spans.Pattern("supervisor").Single(s => s.GetTagItem(PatternAttributes.TaskId) as string == taskId);
        var nested = spans.Pattern("supervisor").Single(s => s.GetTagItem(PatternAttributes.TaskId) as string == $"{taskId}.packing_list");
        top.GetTagItem(PatternAttributes.Level).ShouldBe(1);
        nested.GetTagItem(PatternAttributes.Level).ShouldBe(2);
        top.GetTagItem(PatternAttributes.LevelSelfMilliseconds).ShouldBeOfType<double>().ShouldBeGreaterThanOrEqualTo(0);
        nested.GetTagItem(PatternAttributes.LevelSelfMilliseconds).ShouldBeOfType<double>().ShouldBeGreaterThanOrEqualTo(0);
        IsDescendant(nested, top).ShouldBeTrue("the nested level's span sits inside the top level's, so the trace shows what each adds");
    }

    [Fact]
    public async Task NestedSupervisor_OutputBreaksTheBoundaryContract_IsNotPassedUp()
    {
        var child = new Supervisor("customs", RuleRouter.All("value"), [new Specialist("value", FunctionWorker.FromFunc("value-reader", _ => PatternHarness.Json(new { value = "a lot" })))]);
        var parent = new Supervisor("imports", RuleRouter.All("customs"), [
            new Specialist("customs", child)
            {
                Dispatch = new DispatchOptions { Retry = Foreman.Workflows.StepRetryPolicy.None, OutputSchema = JsonSchema.Parse("""{"type":"object","properties":{"value":{"type":"number"}},"required":["value"]}""") },
            },
        ]);

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => parent.RunAsync(ctx, WorkTask.Create("d", "import", new { text = "SAD" })));
        await using var _ = engine;

        result.Status.ShouldNotBe(WorkStatus.Success);
        result.Specialists["customs"].Status.ShouldBe(WorkStatus.Failure);
        result.Specialists["customs"].Error!.ShouldContain("breaks the contract");
        result.Escalations.ShouldHaveSingleItem().ShouldContain("customs");
    }

    [Fact]
    public async Task NestedSupervisor_ChildEscalates_ParentKeepsItsPartialOutputAndEscalates()
    {
        var calls = new ConcurrentDictionary<string, int>();
        var child = new Supervisor("invoice-level", RuleRouter.All("supplier", "amount"), [
            new Specialist("supplier", FunctionWorker.FromFunc("supplier-reader", _ => PatternHarness.Json(new { supplier = "Anatolia Ceramics AS" }))),
            new Specialist("amount", PatternHarness.Flaky("amount-reader", 99, new { }, calls)) { Dispatch = new DispatchOptions { Retry = Foreman.Workflows.StepRetryPolicy.None } },
        ]);
        var parent = new Supervisor("imports", RuleRouter.All("invoice"), [new Specialist("invoice", child)]);

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => parent.RunAsync(ctx, WorkTask.Create("d", "import", new { text = "INVOICE" })));
        await using var _ = engine;

        result.Status.ShouldBe(WorkStatus.NeedsHuman);
        result.Specialists["invoice"].Status.ShouldBe(WorkStatus.NeedsHuman);
        result.Specialists["invoice"].Output!.Value.GetProperty("supplier").GetString().ShouldBe("Anatolia Ceramics AS", "the finished part travels up as the draft");
        result.Escalations.ShouldHaveSingleItem().ShouldContain("amount (amount-reader) failure");
    }

    private static bool IsDescendant(System.Diagnostics.Activity child, System.Diagnostics.Activity ancestor)
    {
        for (var current = child.Parent; current is not null; current = current.Parent)
        {
            if (current.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
