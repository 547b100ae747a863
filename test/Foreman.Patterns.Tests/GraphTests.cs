using System.Text.Json;
using Foreman.Patterns.Graphs;
using Foreman.Patterns.Workers;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Patterns.Tests;

public sealed class GraphTests
{
    [Fact]
    public async Task Graph_FansOutIndependentNodes_AndFansInTheDeclaredOutputs()
    {
        var graph = new TaskGraph("invoice", [
            Node("header", [], _ => new { vendor = "Northwind" }),
            Node("amount", [], _ => new { total = 575 }),
            Node("route", ["header", "amount"], inputs => new { queue = inputs.Get("amount").GetProperty("total").GetInt32() > 10_000 ? "director" : "standard", vendor = inputs.Get("header").GetProperty("vendor").GetString() }),
        ]);

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => graph.RunAsync(ctx, PatternHarness.Json(new { text = "…" })));
        await using var _ = engine;

        graph.Waves.Select(w => string.Join(",", w)).ShouldBe(["header,amount", "route"]);
        result.Succeeded.ShouldBeTrue();
        result.Outputs["route"].GetProperty("queue").GetString().ShouldBe("standard");
        result.Outputs["route"].GetProperty("vendor").GetString().ShouldBe("Northwind");
        result.Nodes.Single(n => n.Node == "route").Wave.ShouldBe(1);
    }

    [Fact]
    public async Task Graph_NodeReadsAnOutputItDidNotDeclare_FailsLoudly()
    {
        var graph = new TaskGraph("hidden", [
            Node("a", [], _ => new { x = 1 }),
            Node("b", [], _ => new { y = 2 }),
            Node("c", ["a"], inputs => new { z = inputs.Get("b").GetProperty("y").GetInt32() }),
        ]);
        var name = "hidden-" + Guid.NewGuid().ToString("N")[..6];
        await using var engine = await Foreman.Workflows.Tests.EngineHarness.StartAsync(new DelegateWorkflow<string, GraphResult>(name, (ctx, _) => graph.RunAsync(ctx, PatternHarness.Json(new { }))));

        var (run, _) = await engine.Engine.SubmitAsync(name, "go");
        var done = await engine.WaitForAsync(run.RunId, TimeSpan.FromSeconds(5));

        done.Status.ShouldBeOneOf(RunStatus.Failed, RunStatus.DeadLettered);
        done.Error!.ShouldContain("UndeclaredDependencyException");
        using var error = JsonDocument.Parse(done.Error!);
        error.RootElement.GetProperty("message").GetString()!.ShouldContain("read the output of 'b', which it did not declare");
    }

    [Fact]
    public async Task Graph_FailedNode_SkipsItsDependents_ButNotIndependentNodes()
    {
        var graph = new TaskGraph("partial", [
            new GraphNode("lookup", [], (_, _) => Task.FromResult(WorkResult.Failure(new WorkTask("lookup", "k", default), "lookup", "order service down"))),
            Node("classify", [], _ => new { label = "returns" }),
            Node("reply", ["lookup", "classify"], _ => new { text = "never" }),
        ]);

        var (result, _, engine) = await PatternHarness.RunAsync(ctx => graph.RunAsync(ctx, PatternHarness.Json(new { })));
        await using var _ = engine;

        result.Succeeded.ShouldBeFalse();
        result["classify"]!.Status.ShouldBe(WorkStatus.Success);
        result.Nodes.Single(n => n.Node == "reply").Status.ShouldBeNull("a node is never run on partial inputs");
        result.Nodes.Single(n => n.Node == "reply").Wave.ShouldBe(-1);
    }

    [Fact]
    public void Graph_Cycle_IsRejectedWhenBuilt() =>
        Should.Throw<ArgumentException>(() => new TaskGraph("loop", [Node("a", ["b"], _ => new { }), Node("b", ["a"], _ => new { })]))
            .Message.ShouldContain("has a cycle");

    [Fact]
    public void Graph_UnknownDependency_IsRejectedWhenBuilt() =>
        Should.Throw<ArgumentException>(() => new TaskGraph("typo", [Node("a", ["amonut"], _ => new { })]))
            .Message.ShouldContain("depends on 'amonut'");

    private static GraphNode Node(string name, string[] dependsOn, Func<GraphInputs, object> output) =>
        new(name, dependsOn, (context, inputs) =>
        {
            var value = JsonSerializer.SerializeToElement(output(inputs));
            return context.StepAsync(name, (_, _) => Task.FromResult(WorkResult.Success(new WorkTask(name, name, value), name, value)));
        });
}
