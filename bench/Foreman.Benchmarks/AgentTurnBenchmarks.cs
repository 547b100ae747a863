using BenchmarkDotNet.Attributes;
using Foreman.Agents;
using Foreman.Models;
using Foreman.Testing;
using Foreman.Tools;

namespace Foreman.Benchmarks;

/// <summary>
/// A whole agent run on a zero-latency simulated model: one tool call, then a validated JSON answer. Includes
/// the simulated model's own work, so it bounds the framework overhead from above.
/// </summary>
[MemoryDiagnoser]
public class AgentTurnBenchmarks
{
    private AgentRuntime _runtime = null!;
    private Agent _agent = null!;
    private AgentRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var lookup = Tool.Create(
            "lookup_order",
            "Reads an order.",
            """{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"],"additionalProperties":false}""",
            static (_, _) => ValueTask.FromResult(System.Text.Json.JsonElement.Parse("""{"order_id":"A-1","status":"shipped"}""")));
        var options = new AgentOptions
        {
            Name = "bench",
            Instructions = "Look the order up and report its status.",
            OutputSchema = Foreman.Schema.JsonSchema.Parse("""{"type":"object","properties":{"status":{"type":"string"},"confidence":{"type":"number"}},"required":["status"]}"""),
        };
        options.Tools.Add(lookup);
        _agent = Agent.Create(options);
        var behavior = new DelegateBehavior(static context => context.LastToolResults.Count == 0
            ? SimulatedTurn.CallTool("lookup_order", """{"order_id":"A-1"}""").WithUsage(200, 20)
            : SimulatedTurn.Final("""{"status":"shipped","confidence":0.9}""").WithUsage(260, 12));
        _runtime = new AgentRuntime(new ModelRouter(ModelCatalog.Default, new SimulatedChatClientProvider(behavior)));
        _request = new AgentRequest("Where is order A-1?");
    }

    [GlobalCleanup]
    public void Cleanup() => _runtime.Dispose();

    [Benchmark(Description = "agent run: 2 model calls + 1 guarded tool call")]
    public Task<AgentResult> Run() => _runtime.RunAsync(_agent, _request);
}
