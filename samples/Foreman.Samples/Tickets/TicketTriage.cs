using System.Text.Json;
using System.Text.RegularExpressions;
using Foreman.Agents;
using Foreman.Budgets;
using Foreman.Guardrails;
using Foreman.Models;
using Foreman.Schema;
using Foreman.Testing;
using Foreman.Tools;

namespace Foreman.Samples.Tickets;

/// <summary>
/// Triage of a customer-service ticket: urgency and topic, order status through a lookup tool, a help-centre
/// search, and a drafted reply. Shows grounded order ids and a knowledge-base retrieval tool.
/// </summary>
public static partial class TicketTriage
{
    /// <summary>The agent's instructions, written for a real model.</summary>
    public const string Instructions = """
        You triage customer-service tickets for an online shop.
        - Classify urgency (low, normal, high, urgent) and topic (order_status, returns, billing, general).
          Urgent means the customer reports harm, legal threats, or a deadline within 24 hours.
        - If the ticket mentions an order id (format A-00000), call get_order_status and use its answer.
        - For returns, billing and general questions, call search_help_center and cite the article id you used.
        - Draft a short, friendly reply in the customer's language that states only facts from the tools.
        Never invent order ids, dates or policies. Report your confidence between 0 and 1.
        """;

    private const string OutputSchema = """
        {
          "type": "object",
          "properties": {
            "urgency": { "enum": ["low", "normal", "high", "urgent"] },
            "topic": { "enum": ["order_status", "returns", "billing", "general"] },
            "order_id": { "type": ["string", "null"], "pattern": "^A-[0-9]{5}$" },
            "article_id": { "type": ["string", "null"] },
            "reply_draft": { "type": "string", "minLength": 20, "maxLength": 2000 },
            "confidence": { "type": "number", "minimum": 0, "maximum": 1 }
          },
          "required": ["urgency", "topic", "order_id", "article_id", "reply_draft", "confidence"],
          "additionalProperties": false
        }
        """;

    /// <summary>Gets the sample.</summary>
    public static SampleAgent Sample { get; } = new(
        "ticket-triage",
        "Classifies a support ticket, looks up the order and the help centre, drafts a grounded reply.",
        Build,
        Play,
        """
        Subject: Where is my order A-10023??
        From: jane.doe@example.com

        Hi, I ordered a coffee grinder ten days ago (order A-10023) and it still has not arrived.
        I need it before Friday for a gift. Can you tell me where it is?
        Jane
        """);

    /// <summary>Builds the agent.</summary>
    /// <returns>The agent.</returns>
    public static Agent Build()
    {
        var options = new AgentOptions
        {
            Name = "ticket-triage",
            Instructions = Instructions,
            Tier = ModelTier.Standard,
            OutputSchema = JsonSchema.Parse(OutputSchema),
            AllowedEffects = ToolEffect.Read,
            Limits = new AgentLimits { MaxIterations = 6, MaxToolCalls = 6, MaxTokens = 30_000, Fallback = BudgetFallback.SimplifiedAnswer },
        };
        options.Tools.Add(GetOrderStatus);
        options.Tools.Add(SearchHelpCenter);
        options.GroundedFields.Add(new GroundedField("/order_id"));
        options.GroundedFields.Add(new GroundedField("/article_id"));
        options.InputGuardrails.Add(new InputSizeGuardrail(10_000));
        options.InputGuardrails.Add(new PromptInjectionGuardrail());
        return Agent.Create(options);
    }

    private static readonly ForemanTool GetOrderStatus = Tool.Create(
        "get_order_status",
        "Returns the status, carrier and estimated delivery date of an order (id format A-00000).",
        """{"type":"object","properties":{"order_id":{"type":"string","pattern":"^A-[0-9]{5}$"}},"required":["order_id"],"additionalProperties":false}""",
        (invocation, _) =>
        {
            var id = invocation.Arguments.GetProperty("order_id").GetString()!;
            var order = OrderDesk.Orders.FirstOrDefault(o => o.OrderId == id) ?? throw new ToolException($"Order {id} was not found.");
            return ValueTask.FromResult(JsonSerializer.SerializeToElement(new { order_id = order.OrderId, status = order.Status, carrier = order.Carrier, estimated_delivery = order.EstimatedDelivery }));
        },
        new ToolOptions { Effect = ToolEffect.Read, Timeout = TimeSpan.FromSeconds(3) });

    private static readonly ForemanTool SearchHelpCenter = Tool.Create(
        "search_help_center",
        "Searches the help centre; returns up to three articles (id, title, body) ranked by relevance.",
        """{"type":"object","properties":{"query":{"type":"string","minLength":2,"maxLength":200}},"required":["query"],"additionalProperties":false}""",
        (invocation, _) =>
        {
            var words = invocation.Arguments.GetProperty("query").GetString()!.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var hits = OrderDesk.Articles
                .Select(a => (Article: a, Score: words.Count(w => (a.Title + " " + a.Body).Contains(w, StringComparison.OrdinalIgnoreCase))))
                .Where(h => h.Score > 0).OrderByDescending(h => h.Score).Take(3)
                .Select(h => new { id = h.Article.Id, title = h.Article.Title, body = h.Article.Body });
            return ValueTask.FromResult(JsonSerializer.SerializeToElement(hits));
        },
        new ToolOptions { Effect = ToolEffect.Read, Timeout = TimeSpan.FromSeconds(3) });

    private static SimulatedTurn Play(SimulationTurnContext context)
    {
        var request = SimulatedPlay.Request(context);
        var results = SimulatedPlay.SuccessfulResults(context);
        var orderId = OrderId().Match(request) is { Success: true } m ? m.Value : null;
        var topic = orderId is not null ? "order_status"
            : Contains(request, "return", "refund", "send back") ? "returns"
            : Contains(request, "invoice", "vat", "charge", "billing") ? "billing" : "general";
        var urgency = Contains(request, "lawyer", "injur", "today", "tomorrow", "before friday", "urgent") ? "high" : "normal";

        // When tools are withdrawn (a budget fallback), answer from what is known instead of asking for more.
        if (context.ToolsAllowed && orderId is not null && !results.ContainsKey("get_order_status"))
        {
            return SimulatedPlay.Call("get_order_status", new { order_id = orderId });
        }

        if (context.ToolsAllowed && orderId is null && !results.ContainsKey("search_help_center"))
        {
            return SimulatedPlay.Call("search_help_center", new { query = topic == "general" ? request.Split('\n')[0] : topic });
        }

        string reply;
        string? articleId = null;
        if (results.TryGetValue("get_order_status", out var order))
        {
            reply = $"Hello, thank you for your message. Your order {order.GetProperty("order_id").GetString()} is {order.GetProperty("status").GetString()!.Replace('_', ' ')}"
                + (order.GetProperty("carrier").ValueKind == JsonValueKind.String ? $" with {order.GetProperty("carrier").GetString()}" : string.Empty)
                + $" and should arrive by {order.GetProperty("estimated_delivery").GetString()}. We are sorry for the wait.";
        }
        else if (results.TryGetValue("search_help_center", out var articles) && articles.GetArrayLength() > 0)
        {
            articleId = articles[0].GetProperty("id").GetString();
            reply = $"Hello, thank you for reaching out. {articles[0].GetProperty("body").GetString()} (see {articleId}).";
        }
        else
        {
            reply = "Hello, thank you for reaching out. A colleague will look into your question and get back to you shortly.";
        }

        return SimulatedPlay.Answer(new { urgency, topic, order_id = orderId, article_id = articleId, reply_draft = reply, confidence = articleId is null && orderId is null ? 0.55 : 0.88 });
    }

    private static bool Contains(string text, params string[] terms) => terms.Any(t => text.Contains(t, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"\bA-[0-9]{5}\b", RegexOptions.None, 200)]
    private static partial Regex OrderId();
}
