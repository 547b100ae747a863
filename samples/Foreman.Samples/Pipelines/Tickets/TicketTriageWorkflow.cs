using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Foreman.Agents;
using Foreman.Patterns;
using Foreman.Patterns.Chains;
using Foreman.Patterns.Escalation;
using Foreman.Patterns.Routing;
using Foreman.Patterns.Supervision;
using Foreman.Patterns.Workers;
using Foreman.Reviews;
using Foreman.Schema;
using Foreman.Workflows;

namespace Foreman.Samples.Pipelines.Tickets;

/// <summary>
/// <c>ticket-triage-pipeline</c>, the supervisor pattern: a classifier agent routes the ticket; urgent tickets get a
/// drafted reply and go to a person; order status is an API lookup with no model call; returns go through a
/// structured chain (intake agent → return policy → reply) whose steps pass forward only what the next needs;
/// general questions are answered from the knowledge base by a retrieval agent. Every generated reply passes
/// the tone-and-accuracy validator before it is sent; one that fails is handed to a person with the problems.
/// </summary>
public sealed partial class TicketTriageWorkflow : Workflow<TicketRequest, TicketResult>
{
    /// <summary>The registered name.</summary>
    public const string WorkflowName = "ticket-triage-pipeline";

    /// <summary>The queue urgent tickets go to.</summary>
    public const string UrgentQueue = "support-urgent";

    /// <summary>The queue tickets whose reply failed validation go to.</summary>
    public const string SupportQueue = "support";

    private readonly ReviewHandOff? _handOff;

    /// <summary>Creates the workflow.</summary>
    /// <param name="runtime">Runs the agents.</param>
    /// <param name="reviews">The review queue, or <see langword="null"/> to only mark escalations.</param>
    public TicketTriageWorkflow(AgentRuntime runtime, IReviewStore? reviews = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var retried = new DispatchOptions { Retry = new StepRetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.FromSeconds(2) } };
        var returns = new SequentialChain("returns", [
            new ChainStep("intake", new AgentWorker(runtime, Agent.Create(TicketAgents.Intake())), new Projection("order_id", "condition")) { Dispatch = retried with { OutputSchema = JsonSchema.Parse(TicketAgents.IntakeSchema) } },
            new ChainStep("policy", FunctionWorker.FromFunc("return-policy", CheckPolicy), new Projection("order_id", "eligible", "rule", "item", "total")),
            new ChainStep("reply", FunctionWorker.FromFunc("return-reply", WriteReturnReply), null),
        ]);
        Supervisor = new Supervisor(
            "ticket-triage",
            new AgentRouter(runtime, Agent.Create(TicketAgents.Classifier())),
            [
                new Specialist("urgent", new AgentWorker(runtime, Agent.Create(TicketAgents.Drafter()))) { Dispatch = retried },
                new Specialist("order_status", FunctionWorker.FromFunc("order-status-api", LookUpOrder)) { Dispatch = retried },
                new Specialist("returns", returns) { Dispatch = retried with { Retry = StepRetryPolicy.None } },
                new Specialist("general", new AgentWorker(runtime, Agent.Create(TicketAgents.Answerer()))) { Dispatch = retried },
            ]);
        _handOff = reviews is null ? null : new ReviewHandOff(reviews) { HumanCost = 2.40m, Sla = TimeSpan.FromHours(4) };
    }

    /// <summary>Gets the supervisor.</summary>
    public Supervisor Supervisor { get; }

    /// <inheritdoc />
    public override string Name => WorkflowName;

    /// <inheritdoc />
    public override async Task<TicketResult> RunAsync(WorkflowContext context, TicketRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var started = context.UtcNow;
        var outcome = await Supervisor.RunAsync(context, new WorkTask(input.TicketId, "ticket", JsonSerializer.SerializeToElement(input.Text)));
        var route = outcome.Decision.Routes.FirstOrDefault();
        var output = outcome.Output is { ValueKind: JsonValueKind.Object } o ? o : (JsonElement?)null;
        var result = new TicketResult
        {
            TicketId = input.TicketId,
            Status = "answered",
            Route = route,
            Reply = Text(output, "reply"),
            OrderStatus = route == "order_status" ? Text(output, "status") : null,
            ReturnEligible = route == "returns" && output?.TryGetProperty("eligible", out var e) == true ? e.GetBoolean() : null,
            ReturnRule = route == "returns" ? Text(output, "rule") : null,
            ArticleId = route == "general" ? Text(output, "article_id") : null,
            Cost = outcome.Cost,
            ModelCalls = outcome.Specialists.Values.Sum(s => s.ModelCalls) + (outcome.Decision.Router == "model" ? 1 : 0),
        };

        string? escalation = null;
        string queue = SupportQueue;
        if (outcome.Status != WorkStatus.Success)
        {
            escalation = string.Join(" ", outcome.Escalations);
        }
        else if (route == "urgent")
        {
            escalation = "Urgent ticket: a person sends the drafted reply.";
            queue = UrgentQueue;
        }

        // Every generated reply is checked before it goes out, including drafts a person will send.
        var problems = ReplyValidator.Validate(result.Reply, Facts(route, output, input.Text));
        result = result with { ValidatorProblems = problems };
        if (escalation is null && problems.Count > 0)
        {
            escalation = $"The reply failed the tone-and-accuracy check: {string.Join("; ", problems)}.";
        }

        if (escalation is not null)
        {
            result = result with { Status = "escalated", EscalationReason = escalation };
            if (_handOff is not null)
            {
                var draft = JsonSerializer.SerializeToElement(new { ticket_id = input.TicketId, reply = result.Reply }, PatternJson.Options);
                var itemId = await _handOff.HandOverAsync(context, queue, "ticket-reply", "send_reply", draft, new EscalationPacket
                {
                    Goal = $"Answer ticket {input.TicketId}.",
                    DecisionNeeded = route == "urgent" ? "Review the drafted reply, then take over the case." : "Fix or rewrite the reply, then send it.",
                    Evidence = [new ReviewEvidence("ticket", input.Text), new ReviewEvidence("pipeline", escalation, output?.GetRawText())],
                    Confidence = outcome.Confidence,
                    Urgency = route == "urgent" ? ReviewUrgency.Critical : ReviewUrgency.Normal,
                    Analysis = escalation,
                });
                result = result with { ReviewItemId = itemId };
            }
        }

        return result with { ProcessingMs = (context.UtcNow - started).TotalMilliseconds };
    }

    // What a reply may state: the record or article it is based on, and the customer's own words.
    private static string Facts(string? route, JsonElement? output, string ticket) => route switch
    {
        "general" => (KnowledgeBase.Find(Text(output, "article_id"))?.Body ?? string.Empty) + "\n" + ticket,
        "order_status" => JsonSerializer.Serialize(OrderSystem.Find(Text(output, "order_id"))) + "\n" + ticket,
        _ => Without(output, "reply", "summary") + "\n" + ticket + "\n" + ReturnPolicy.WindowDays.ToString(CultureInfo.InvariantCulture),
    };

    // The reply itself is not evidence for its own facts.
    private static string Without(JsonElement? output, params string[] fields) =>
        output is { ValueKind: JsonValueKind.Object } o
            ? string.Join("\n", o.EnumerateObject().Where(p => !fields.Contains(p.Name, StringComparer.Ordinal)).Select(p => $"{p.Name}: {p.Value}"))
            : string.Empty;

    private static JsonElement LookUpOrder(WorkTask task)
    {
        var orderId = OrderId().Match(task.InputText()).Value;
        var order = OrderSystem.Find(orderId) ?? throw new InvalidOperationException($"Order '{orderId}' was not found in the order system.");
        var when = order.Status == "delivered" ? $"was delivered on {order.EstimatedDelivery}" : $"should arrive by {order.EstimatedDelivery}";
        var reply = order.Status == "processing"
            ? $"Hello, thank you for your message. Your order {order.OrderId} ({order.Item}) is being prepared and {when}. We will email you the tracking link once it ships."
            : $"Hello, thank you for your message. Your order {order.OrderId} ({order.Item}) is {order.Status.Replace('_', ' ')} with {order.Carrier} and {when}.";
        return JsonSerializer.SerializeToElement(new { order_id = order.OrderId, status = order.Status, carrier = order.Carrier, estimated_delivery = order.EstimatedDelivery, reply });
    }

    private static JsonElement CheckPolicy(WorkTask task)
    {
        var orderId = task.Input.GetProperty("order_id").GetString();
        var condition = task.Input.GetProperty("condition").GetString();
        var order = OrderSystem.Find(orderId);
        var (eligible, rule) = ReturnPolicy.Decide(order, condition);
        return JsonSerializer.SerializeToElement(new { order_id = orderId, eligible, rule, item = order?.Item, total = order?.Total });
    }

    private static JsonElement WriteReturnReply(WorkTask task)
    {
        var input = task.Input;
        var orderId = input.GetProperty("order_id").GetString();
        var item = input.TryGetProperty("item", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : "item";
        var reply = input.GetProperty("eligible").GetBoolean()
            ? $"Hello, thank you for your message. Your return of the {item} from order {orderId} is accepted. You will receive a free return label by email; the refund follows once the parcel arrives."
            : input.GetProperty("rule").GetString() switch
            {
                "final_sale" => $"Hello, thank you for your message. The {item} from order {orderId} was sold as final sale, so we cannot take it back unless it is faulty.",
                "opened_item" => $"Hello, thank you for your message. We can only take back unopened items, so the {item} from order {orderId} cannot be returned. If it is faulty, our warranty covers it.",
                "not_delivered_yet" => $"Hello, thank you for your message. Order {orderId} has not been delivered yet; you can refuse the parcel or return it once it arrives.",
                "order_not_found" => "Hello, thank you for your message. We could not find that order; please reply with the order id from your confirmation email.",
                _ => $"Hello, thank you for your message. The {item} from order {orderId} was delivered more than {ReturnPolicy.WindowDays} days ago, so the return window has closed.",
            };
        return JsonSerializer.SerializeToElement(new { order_id = orderId, eligible = input.GetProperty("eligible").GetBoolean(), rule = input.GetProperty("rule").GetString(), reply });
    }

    private static string? Text(JsonElement? output, string field) =>
        output is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [GeneratedRegex(@"\bA-[0-9]{5}\b", RegexOptions.None, 200)]
    private static partial Regex OrderId();
}
