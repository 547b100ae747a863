using System.Text.Json;
using Foreman.Agents;
using Foreman.Models;
using Foreman.Schema;
using Foreman.Testing;
using Foreman.Tools;
using QuickStart;

// The built-in simulated model plays a competent model here; use Foreman.OpenAI's provider for a real one.
var myChatClientProvider = new SimulatedChatClientProvider(new DelegateBehavior(turn => turn.LastToolResults.Count == 0
    ? SimulatedTurn.CallTool("get_order", """{"order_id":"A-10023"}""")
    : SimulatedTurn.Final("""{"order_id":"A-10023","status":"in_transit"}""")));

// quick-start begin
var lookup = Tool.Create("get_order", "Reads an order by id.",
    """{"type":"object","properties":{"order_id":{"type":"string","pattern":"^A-[0-9]{5}$"}},"required":["order_id"]}""",
    (call, ct) => ValueTask.FromResult(OrderDb.Read(call.Arguments.GetProperty("order_id").GetString()!)),
    new ToolOptions { Effect = ToolEffect.Read, Timeout = TimeSpan.FromSeconds(5) });

var options = new AgentOptions
{
    Name = "order-status",
    Instructions = "Answer questions about an order. Use get_order; never guess.",
    Tier = ModelTier.Fast,
    OutputSchema = JsonSchema.Parse("""{"type":"object","properties":{"order_id":{"type":"string"},"status":{"type":"string"}},"required":["order_id","status"]}"""),
};
options.Tools.Add(lookup);
options.GroundedFields.Add(new GroundedField("/order_id"));   // must come from a tool result

using var runtime = new AgentRuntime(new ModelRouter(ModelCatalog.Default, myChatClientProvider));
var result = await runtime.RunAsync(Agent.Create(options), new AgentRequest("Where is order A-10023?"));
Console.WriteLine($"{result.Status} {result.Output} cost {result.Usage.Cost} {result.Usage.Currency}");
// quick-start end

return result.Status == AgentStatus.Succeeded ? 0 : 1;
