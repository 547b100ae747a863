using System.Text.Json;
using System.Text.RegularExpressions;
using Foreman.Agents;
using Foreman.Budgets;
using Foreman.Models;
using Foreman.Schema;
using Foreman.Testing;
using Foreman.Tools;

namespace Foreman.Samples.Pipelines.Tickets;

/// <summary>
/// The agents of the ticket-triage supervisor: the classifier (its router), the urgent-reply drafter, the returns
/// intake and the knowledge-base answerer with its retrieval tool. Order status has no agent: it is an API lookup.
/// </summary>
public static partial class TicketAgents
{
    /// <summary>The classifier's instructions.</summary>
    public const string ClassifierInstructions = """
        You triage customer-service tickets for an online shop that sells kitchen appliances.
        Choose exactly one route:
        - urgent: the customer reports an injury or a safety hazard, threatens legal action, or has filed a chargeback;
        - order_status: the customer asks where an order is or when it arrives;
        - returns: the customer wants to send an item back or get a refund for it;
        - general: any other question (delivery times, payment, warranty, address changes, care, gift wrapping).
        Urgent wins over every other route. Give a one-line reason and your confidence between 0 and 1.
        """;

    /// <summary>The urgent drafter's instructions.</summary>
    public const string DrafterInstructions = """
        You draft a reply to an urgent customer-service ticket; a senior agent reviews and sends it.
        Open with a greeting and the customer's name, acknowledge the problem in one sentence without admitting
        liability, say that a senior colleague has taken over the case personally and will contact them today,
        and close politely. Do not promise refunds, compensation or dates. Also write a one-line summary for the
        senior agent. Report your confidence between 0 and 1.
        """;

    /// <summary>The returns intake's instructions.</summary>
    public const string IntakeInstructions = """
        You read a customer's return request and fill in the return form.
        - order_id: the order id as written (format A-00000);
        - condition: unopened if the customer says the item is unused in its box, damaged if it arrived broken or
          defective, opened otherwise;
        - reason: the customer's reason in at most ten words.
        Do not decide whether the return is accepted: the return policy does that. Report your confidence between 0 and 1.
        """;

    /// <summary>The knowledge-base answerer's instructions.</summary>
    public const string AnswererInstructions = """
        You answer general customer questions for a kitchen-appliance shop from its help centre.
        Call search_knowledge_base with the customer's question, pick the article that answers it, and write a
        short, friendly reply that opens with a greeting and states only what the article says: copy every number
        (days, prices, months) exactly from the article. Return the reply and the id of the article you used.
        If no article answers the question, say so and set article_id to null. Report your confidence between 0 and 1.
        """;

    private const string ClassifierSchema = """
        {"type":"object","properties":{
          "route":{"enum":["urgent","order_status","returns","general"]},
          "reason":{"type":"string","maxLength":300},
          "confidence":{"type":"number","minimum":0,"maximum":1}},
         "required":["route","reason","confidence"],"additionalProperties":false}
        """;

    private const string DrafterSchema = """
        {"type":"object","properties":{
          "reply":{"type":"string","minLength":40,"maxLength":1200},
          "summary":{"type":"string","maxLength":300},
          "confidence":{"type":"number","minimum":0,"maximum":1}},
         "required":["reply","summary","confidence"],"additionalProperties":false}
        """;

    /// <summary>The returns intake's output contract.</summary>
    public const string IntakeSchema = """
        {"type":"object","properties":{
          "order_id":{"type":"string","pattern":"^A-[0-9]{5}$"},
          "condition":{"enum":["unopened","opened","damaged"]},
          "reason":{"type":"string","maxLength":200},
          "confidence":{"type":"number","minimum":0,"maximum":1}},
         "required":["order_id","condition","reason","confidence"],"additionalProperties":false}
        """;

    private const string AnswererSchema = """
        {"type":"object","properties":{
          "reply":{"type":"string","minLength":20,"maxLength":1200},
          "article_id":{"type":["string","null"]},
          "confidence":{"type":"number","minimum":0,"maximum":1}},
         "required":["reply","article_id","confidence"],"additionalProperties":false}
        """;

    private static readonly ForemanTool SearchKnowledgeBase = Tool.Create(
        "search_knowledge_base",
        "Searches the help centre; returns up to three articles (id, title, body), best first.",
        """{"type":"object","properties":{"query":{"type":"string","minLength":2,"maxLength":300}},"required":["query"],"additionalProperties":false}""",
        (invocation, _) => ValueTask.FromResult(JsonSerializer.SerializeToElement(
            KnowledgeBase.Search(invocation.Arguments.GetProperty("query").GetString()!).Select(a => new { id = a.Id, title = a.Title, body = a.Body }))),
        new ToolOptions { Effect = ToolEffect.Read, Timeout = TimeSpan.FromSeconds(3) });

    /// <summary>Options of the classifier (fast tier).</summary>
    /// <returns>The options.</returns>
    public static AgentOptions Classifier() => Invoices.InvoiceAgents.Options("ticket-classifier", ClassifierInstructions, ClassifierSchema);

    /// <summary>Options of the urgent drafter (standard tier: tone matters most here).</summary>
    /// <returns>The options.</returns>
    public static AgentOptions Drafter()
    {
        var options = Invoices.InvoiceAgents.Options("urgent-reply-drafter", DrafterInstructions, DrafterSchema);
        options.Tier = ModelTier.Standard;
        return options;
    }

    /// <summary>Options of the returns intake (fast tier).</summary>
    /// <returns>The options.</returns>
    public static AgentOptions Intake() => Invoices.InvoiceAgents.Options("returns-intake", IntakeInstructions, IntakeSchema);

    /// <summary>Options of the knowledge-base answerer (standard tier, one retrieval tool).</summary>
    /// <returns>The options.</returns>
    public static AgentOptions Answerer()
    {
        var options = Invoices.InvoiceAgents.Options("kb-answerer", AnswererInstructions, AnswererSchema);
        options.Tier = ModelTier.Standard;
        options.Tools.Add(SearchKnowledgeBase);
        options.GroundedFields.Add(new GroundedField("/article_id"));
        options.Limits = new AgentLimits { MaxIterations = 4, MaxToolCalls = 3, MaxTokens = 20_000, Fallback = BudgetFallback.Escalate };
        return options;
    }

    internal static void Register(SampleSimulation simulation)
    {
        var rates = simulation.Rates;
        simulation.Add(ClassifierInstructions, context =>
        {
            var text = SimulatedPlay.Request(context);
            var route = Has(text, "injur", "lawyer", "legal action", "chargeback", "sparked") ? "urgent"
                : Has(text, "return", "send back", "refund") ? "returns"
                : Has(text, "where is", "when it arrives", "where it is") ? "order_status"
                : "general";
            if (context.Random.NextDouble() < rates.ClassificationError)
            {
                // The classic triage slip: an urgent ticket read as its surface topic, or a topic confused.
                route = route == "urgent" ? "returns" : route == "returns" ? "general" : "returns";
                return SimulatedPlay.Answer(new { route, reason = "the customer mentions the order", confidence = 0.72 });
            }

            return SimulatedPlay.Answer(new { route, reason = $"the ticket reads as {route.Replace('_', ' ')}", confidence = 0.94 });
        });
        simulation.Add(DrafterInstructions, context =>
        {
            var text = SimulatedPlay.Request(context);
            var name = text.TrimEnd().Split('\n')[^1].Trim();
            return SimulatedPlay.Answer(new
            {
                reply = $"Hello {name}, thank you for telling us and I am very sorry about what happened. A senior colleague has taken over your case personally and will contact you today. Kind regards, the customer care team",
                summary = "Urgent: safety, legal or chargeback issue; senior follow-up today.",
                confidence = 0.9,
            });
        });
        simulation.Add(IntakeInstructions, context =>
        {
            var text = SimulatedPlay.Request(context);
            var condition = Has(text, "damaged", "cracked", "broken") ? "damaged" : Has(text, "unopened", "in its box") ? "unopened" : "opened";
            if (context.Random.NextDouble() < rates.FieldError)
            {
                condition = condition == "opened" ? "unopened" : "opened";
            }

            return SimulatedPlay.Answer(new { order_id = OrderId().Match(text).Value, condition, reason = condition == "damaged" ? "arrived damaged" : "changed mind", confidence = 0.9 });
        });
        simulation.Add(AnswererInstructions, context =>
        {
            var text = SimulatedPlay.Request(context);
            var results = SimulatedPlay.SuccessfulResults(context);
            if (!results.TryGetValue("search_knowledge_base", out var articles))
            {
                var question = text.Split('\n').SkipWhile(l => l.Length > 0).Skip(1).FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? text;
                return SimulatedPlay.Call("search_knowledge_base", new { query = question });
            }

            if (articles.GetArrayLength() == 0)
            {
                return SimulatedPlay.Answer(new { reply = "Hello, thank you for your question. A colleague will get back to you shortly.", article_id = (string?)null, confidence = 0.4 });
            }

            var best = articles[0];
            var body = best.GetProperty("body").GetString()!;
            if (context.Random.NextDouble() < rates.ReplyDefect)
            {
                // The typical hallucination: a confident, wrong figure.
                body = Digits().IsMatch(body)
                    ? Digits().Replace(body, m => (int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), 1)
                    : body + " This usually takes effect within 48 hours.";
            }

            return SimulatedPlay.Answer(new { reply = $"Hello, thank you for your question. {body} I hope this helps!", article_id = best.GetProperty("id").GetString(), confidence = 0.88 });
        });
    }

    private static bool Has(string text, params string[] terms) => terms.Any(t => text.Contains(t, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"\bA-[0-9]{5}\b", RegexOptions.None, 200)]
    private static partial Regex OrderId();

    [GeneratedRegex(@"[0-9]+", RegexOptions.None, 200)]
    private static partial Regex Digits();
}
