using System.Text.Json;
using Foreman.Agents;
using Foreman.Patterns;
using Foreman.Patterns.Consensus;
using Foreman.Patterns.Escalation;
using Foreman.Patterns.Graphs;
using Foreman.Patterns.Tiering;
using Foreman.Patterns.Workers;
using Foreman.Reviews;
using Foreman.Schema;
using Foreman.Workflows;

namespace Foreman.Samples.Pipelines.Invoices;

/// <summary>
/// <c>invoice-processing</c>: classify the document; for an invoice, extract the header and read the total by
/// three-way consensus in parallel (a dependency graph: the routing node declares both as inputs), then route
/// for approval (over 10,000 to the finance director, contracts to legal, otherwise standard). A document the
/// pipeline cannot read with confidence (no majority on the amount, a failed extraction) is handed to the
/// accounts-payable review queue with everything the agents found. Every agent call is a journaled step.
/// </summary>
public sealed class InvoiceProcessingWorkflow : Workflow<InvoiceProcessingRequest, InvoiceProcessingResult>
{
    /// <summary>The registered name.</summary>
    public const string WorkflowName = "invoice-processing";

    private static readonly DispatchOptions Dispatch = new() { Retry = new StepRetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.FromSeconds(2) } };
    private readonly IWorker _classifier;
    private readonly ConsensusWorker _amounts;
    private readonly TaskGraph _graph;
    private readonly ReviewHandOff? _handOff;

    /// <summary>Creates the workflow.</summary>
    /// <param name="runtime">Runs the agents.</param>
    /// <param name="reviews">The review queue escalations go to, or <see langword="null"/> to only mark them.</param>
    public InvoiceProcessingWorkflow(AgentRuntime runtime, IReviewStore? reviews = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _classifier = new TieredAgentWorker(runtime, InvoiceAgents.Tiers, "classify", InvoiceAgents.Classifier);
        var header = new TieredAgentWorker(runtime, InvoiceAgents.Tiers, "extract-header", InvoiceAgents.Header);
        _amounts = new ConsensusWorker(
            "invoice-amount-consensus",
            Enumerable.Range(0, 3).Select(i => new TieredAgentWorker(runtime, InvoiceAgents.Tiers, "read-amount", () => InvoiceAgents.AmountReader(i))),
            new MajorityVote("/total"))
        {
            InstanceDispatch = Dispatch with { OutputSchema = JsonSchema.Parse(InvoiceAgents.AmountSchema) },
        };
        _graph = new TaskGraph("invoice", [
            new GraphNode("header", [], (context, inputs) => WorkDispatcher.DispatchAsync(context, header, TaskFor(inputs, "header", "extract-header"), Dispatch)),
            new GraphNode("amount", [], (context, inputs) => AmountConsensus.RunAsync(context, _amounts, TaskFor(inputs, "amount", "read-amount"))),
            new GraphNode("route", ["header", "amount"], (context, inputs) => Task.FromResult(Route(inputs))),
        ]);
        _handOff = reviews is null ? null : new ReviewHandOff(reviews) { HumanCost = 3.10m };
    }

    /// <inheritdoc />
    public override string Name => WorkflowName;

    /// <inheritdoc />
    public override async Task<InvoiceProcessingResult> RunAsync(WorkflowContext context, InvoiceProcessingRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var started = context.UtcNow;
        var document = JsonSerializer.SerializeToElement(input.Text);

        // Task ids carry the document id, so every span and journal scope of this document is findable by it.
        var classified = await WorkDispatcher.DispatchAsync(context, _classifier, new WorkTask($"{input.DocumentId}.classify", "classify", document), Dispatch);
        var type = classified.Succeeded ? classified.Output!.Value.GetProperty("document_type").GetString() : null;
        var result = new InvoiceProcessingResult { DocumentId = input.DocumentId, Status = "routed", DocumentType = type, Cost = classified.Cost, Confidence = classified.Confidence };
        if (type == "contract")
        {
            // Contracts go to legal whatever their value; legal reads them in full, so nothing else is extracted.
            return await FinishAsync(context, result with { Queue = InvoiceRouting.QueueFor("contract", null) }, started, null);
        }

        if (type != "invoice")
        {
            return await FinishAsync(context, result, started, type is null ? $"The classifier failed: {classified.Error}" : $"The document is not an invoice or a contract ({type}).");
        }

        var graph = await _graph.RunAsync(context, JsonSerializer.SerializeToElement(new { document_id = input.DocumentId, text = input.Text }));
        var header = graph["header"];
        var amount = AmountConsensus.Read(graph["amount"]);
        result = result with
        {
            Cost = result.Cost + graph.Cost,
            Vendor = Read(header, "vendor"),
            InvoiceNumber = Read(header, "invoice_number"),
            Currency = Read(header, "currency"),
            Total = amount?.Total,
            Agreement = amount?.Agreement,
            AmountReadings = amount?.Readings ?? [],
            AmountCosts = amount?.Costs ?? [],
            Confidence = Math.Min(result.Confidence, Math.Min(header?.Confidence ?? 0, graph["amount"]?.Confidence ?? 0)),
        };
        return graph.Succeeded
            ? await FinishAsync(context, result with { Queue = graph.Outputs["route"].GetProperty("queue").GetString() }, started, null)
            : await FinishAsync(context, result, started, string.Join(" ", graph.Nodes.Where(n => n.Status is not null and not WorkStatus.Success).Select(n => $"{n.Node}: {n.Result!.Error}")));
    }

    // Every reader gets the document text alone; the id only names the task.
    private static WorkTask TaskFor(GraphInputs inputs, string node, string kind) =>
        new($"{inputs.Input.GetProperty("document_id").GetString()}.{node}", kind, inputs.Input.GetProperty("text"));

    private static WorkResult Route(GraphInputs inputs)
    {
        var header = inputs.Get("header");
        var amount = inputs.Get("amount");
        var queue = InvoiceRouting.QueueFor("invoice", amount.GetProperty("total").GetDecimal());
        var output = JsonSerializer.SerializeToElement(new { queue, currency = header.GetProperty("currency").GetString() }, PatternJson.Options);
        return WorkResult.Success(new WorkTask("route", "route", output), "approval-router", output);
    }

    private static string? Read(WorkResult? result, string field) =>
        result?.Output is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private async Task<InvoiceProcessingResult> FinishAsync(WorkflowContext context, InvoiceProcessingResult result, DateTimeOffset started, string? escalation)
    {
        if (escalation is not null)
        {
            result = result with { Status = "escalated", EscalationReason = escalation, Queue = InvoiceRouting.AccountsPayableReview };
            if (_handOff is not null)
            {
                var draft = JsonSerializer.SerializeToElement(result, PatternJson.Options);
                var itemId = await _handOff.HandOverAsync(context, InvoiceRouting.AccountsPayableReview, "invoice-reading", "book_invoice", draft, new EscalationPacket
                {
                    Goal = $"Book document {result.DocumentId} and send it for approval.",
                    DecisionNeeded = "Confirm the document's type, supplier and total, then book it.",
                    Evidence = [new ReviewEvidence("pipeline", escalation, draft.GetRawText())],
                    Confidence = result.Confidence,
                    Amount = result.Total,
                    Currency = result.Currency,
                    Analysis = escalation,
                });
                result = result with { ReviewItemId = itemId };
            }
        }

        return result with { ProcessingMs = (context.UtcNow - started).TotalMilliseconds };
    }
}
