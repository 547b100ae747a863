using System.Text.Json;
using Foreman.Agents;
using Foreman.Models;
using Microsoft.Extensions.AI;
using Foreman.Testing;
using Foreman.Tools;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Workflows.Tests;

public sealed class AgentStepTests
{
    [Fact]
    public async Task RunAgent_RestartMidRun_NoModelCallIsPaidTwiceAndNoToolActsTwice()
    {
        var id = Guid.NewGuid().ToString("N");
        var model = new SimulatedChatClient(Script.Named("durable-agent")
            .ToolCall("first", """{"n":1}""").Then
            .ToolCall("second", """{"n":2}""").Then
            .Final("""{"answer":"done","confidence":0.9}"""));
        using var runtime = new AgentRuntime(new ModelRouter(ModelCatalog.Default, new FixedProvider(model)));
        var options = new AgentOptions { Name = "durable", Instructions = "Call first, then second, then answer." };
        options.Tools.Add(Tool.Create("first", "First.", """{"type":"object"}""", (call, _) =>
        {
            Probe.Hit($"{id}:first:{call.IdempotencyKey}");
            return ValueTask.FromResult(JsonSerializer.SerializeToElement(new { ok = 1 }));
        }));
        options.Tools.Add(Tool.Create("second", "Second.", """{"type":"object"}""", async (call, ct) =>
        {
            Probe.Hit($"{id}:second");
            await Probe.Gate($"{id}:second").WaitAsync(ct);
            return JsonSerializer.SerializeToElement(new { ok = 2 });
        }));
        var agent = Agent.Create(options);
        var workflow = new DelegateWorkflow<string, string>("agent-flow", async (ctx, input) =>
        {
            var result = await ctx.RunAgentAsync(runtime, agent, input);
            return $"{result.Status}:{result.Text}:{result.Usage.ModelCalls}:{result.Trail.Count}";
        });
        await using var harness = await EngineHarness.StartAsync(workflow);

        var (run, _) = await harness.Engine.SubmitAsync("agent-flow", "go");
        await WorkflowEngineTests.Eventually(() => Probe.Count($"{id}:second") == 1);
        model.CallCount.ShouldBe(2);

        await harness.RestartAsync(workflow);
        Probe.Open($"{id}:second");
        var done = await harness.WaitForAsync(run.RunId, tick: TimeSpan.FromSeconds(30));

        done.Status.ShouldBe(RunStatus.Completed);
        harness.Engine.ReadOutput<string>(done).ShouldBe("""Succeeded:{"answer":"done","confidence":0.9}:3:2""", "the replayed run still accounts for all three model calls");
        model.CallCount.ShouldBe(3, "the two calls made before the restart were replayed from the journal, not paid again");
        Probe.Count($"{id}:first:{run.RunId}:1/agent.durable:1").ShouldBe(1, "the finished tool did not act again, and its idempotency key is stable");
        Probe.Count($"{id}:second").ShouldBe(2, "the tool that never finished runs again, with the same key");
    }

    private sealed class FixedProvider(IChatClient client) : IChatClientProvider
    {
        public IChatClient GetChatClient(string modelId) => client;
    }
}
