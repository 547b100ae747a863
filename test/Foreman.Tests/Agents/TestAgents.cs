using Foreman.Agents;
using Foreman.Schema;
using Foreman.Tools;

namespace Foreman.Tests.Agents;

/// <summary>The agent most tests run: an order-support agent on the simulated standard model with a strict output schema.</summary>
internal static class TestAgents
{
    public const string ModelId = "simulated-standard";

    public const string OrderSchema = """
        {
          "type": "object",
          "properties": {
            "order_id": { "type": "string" },
            "status": { "type": "string", "enum": ["pending", "shipped", "delivered"] },
            "confidence": { "type": "number", "minimum": 0, "maximum": 1 }
          },
          "required": ["order_id", "status"],
          "additionalProperties": false
        }
        """;

    public static AgentOptions Options(params ForemanTool[] tools)
    {
        var options = new AgentOptions
        {
            Name = "order-support",
            Instructions = "You answer questions about customer orders.",
            Model = ModelId,
            OutputSchema = JsonSchema.Parse(OrderSchema),
        };
        foreach (var tool in tools)
        {
            options.Tools.Add(tool);
        }

        return options;
    }

    public static Agent Create(params ForemanTool[] tools) => Agent.Create(Options(tools));

    public static string Answer(string orderId = "A1", string status = "shipped") => $$"""{"order_id":"{{orderId}}","status":"{{status}}"}""";
}
