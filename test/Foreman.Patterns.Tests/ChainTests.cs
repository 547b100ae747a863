using System.Text.Json;
using System.Text.Json.Nodes;
using Foreman.Patterns.Chains;
using Foreman.Patterns.Workers;
using Foreman.Telemetry;
using Foreman.Workflows;

namespace Foreman.Patterns.Tests;

public sealed class ChainTests
{
    [Fact]
    public async Task TenStepChain_WithProjection_ContextStaysBounded()
    {
        var steps = Enumerable.Range(1, 10).Select(i => new ChainStep($"step{i}", Verbose($"w{i}"), new Projection("case_id", "decision"))).ToList();
        var chain = new SequentialChain("bounded", steps);

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => chain.RunAsync(ctx, PatternHarness.Json(new { case_id = "C-1", decision = "open" })));
        await using var _ = engine;

        result.Status.ShouldBe(WorkStatus.Success);
        result.Steps.Count.ShouldBe(10);
        result.Steps.ShouldAllBe(s => s.OutputBytes > 4_000, "every step produces a lot");
        result.MaxContextBytes.ShouldBeLessThan(200, "each step receives only the two projected fields");
        result.Steps.Skip(1).Select(s => s.ContextBytes).Distinct().Count().ShouldBe(1, "the context does not grow from step to step");
        result.Output!.Value.GetProperty("decision").GetString().ShouldBe("decided by w10");
    }

    [Fact]
    public async Task TenStepChain_PassingEverything_GrowsWithEveryStep()
    {
        // The control: a compressor that forwards the whole history shows what the projection prevents.
        var steps = Enumerable.Range(1, 10).Select(i => new ChainStep($"step{i}", Verbose($"w{i}"), new Everything())).ToList();

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => new SequentialChain("unbounded", steps).RunAsync(ctx, PatternHarness.Json(new { case_id = "C-1" })));
        await using var _ = engine;

        result.Steps.Select(s => s.ContextBytes).ShouldBeInOrder(SortDirection.Ascending);
        result.MaxContextBytes.ShouldBeGreaterThan(9 * 4_000);
    }

    [Fact]
    public async Task Chain_StepFails_StopsWithTheReportsSoFar_AndSpansCarryContextSizes()
    {
        using var spans = new SpanCollector();
        var name = "stops-" + Guid.NewGuid().ToString("N")[..6];
        var failing = new FunctionWorker("broken", (_, _) => throw new InvalidOperationException("the policy service is down"));
        var chain = new SequentialChain(name, [
            new ChainStep("intake", Verbose("intake"), new Projection("case_id")),
            new ChainStep("policy", failing, new Projection("case_id")) { Dispatch = new DispatchOptions { Retry = StepRetryPolicy.None } },
            new ChainStep("reply", Verbose("reply"), null),
        ]);

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => chain.RunAsync(ctx, PatternHarness.Json(new { case_id = "C-9" })));
        await using var _ = engine;

        result.Status.ShouldBe(WorkStatus.Failure);
        result.Steps.Count.ShouldBe(2);
        result.Error!.ShouldContain("Step 2 (policy) failure: the policy service is down");
        var stepSpans = spans.Pattern("chain_step").Where(s => s.DisplayName.EndsWith("intake", StringComparison.Ordinal) || s.DisplayName.EndsWith("policy", StringComparison.Ordinal)).ToList();
        stepSpans.ShouldContain(s => s.GetTagItem(PatternAttributes.ChainStepIndex) as int? == 1 && s.GetTagItem(PatternAttributes.ForwardedBytes) != null);
    }

    [Fact]
    public async Task Summarizer_CutsTheSummaryToItsBound_AndKeepsNamedFields()
    {
        var rambling = FunctionWorker.FromFunc("summarizer", _ => PatternHarness.Json(new { summary = new string('x', 5_000) }));
        var chain = new SequentialChain("summarized", [
            new ChainStep("read", Verbose("read"), new Summarizer(rambling) { MaxCharacters = 300, KeepFields = ["case_id"] }),
            new ChainStep("decide", FunctionWorker.FromFunc("decide", task => task.Input), null),
        ]);

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => chain.RunAsync(ctx, PatternHarness.Json(new { case_id = "C-3" })));
        await using var _ = engine;

        result.Output!.Value.GetProperty("summary").GetString()!.Length.ShouldBe(300);
        result.Output!.Value.GetProperty("case_id").GetString().ShouldBe("C-3");
    }

    [Fact]
    public void Chain_StepWithoutForward_IsRejected() =>
        Should.Throw<ArgumentException>(() => new SequentialChain("c", [new ChainStep("a", Verbose("a"), null), new ChainStep("b", Verbose("b"), null)]))
            .Message.ShouldContain("must declare what it passes forward");

    // A step that writes a long analysis and a decision, like a verbose model.
    private static FunctionWorker Verbose(string name) =>
        FunctionWorker.FromFunc(name, task => PatternHarness.Json(new { analysis = new string('a', 4_000), decision = $"decided by {name}", seen = task.Input.GetRawText().Length }));

    private sealed class Everything : IContextCompressor
    {
        public Task<JsonElement> CompressAsync(WorkflowContext context, JsonElement carried, JsonElement output)
        {
            var next = JsonNode.Parse(carried.GetRawText())!.AsObject();
            next[$"step{next.Count}"] = JsonNode.Parse(output.GetRawText());
            return Task.FromResult(JsonSerializer.SerializeToElement(next));
        }
    }
}
