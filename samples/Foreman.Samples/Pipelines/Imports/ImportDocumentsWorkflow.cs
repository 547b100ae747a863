using System.Text.Json;
using Foreman.Agents;
using Foreman.Patterns;
using Foreman.Patterns.Consensus;
using Foreman.Patterns.Escalation;
using Foreman.Patterns.Routing;
using Foreman.Patterns.Supervision;
using Foreman.Patterns.Workers;
using Foreman.Reviews;
using Foreman.Schema;
using Foreman.Workflows;

namespace Foreman.Samples.Pipelines.Imports;

/// <summary>
/// <c>import-documents</c>, the hierarchical pattern: a top-level supervisor whose router is a classifier agent
/// sends the document to one sub-supervisor per document type. Each sub-supervisor runs its own extraction
/// agents in parallel (text fields by a single agent, the amount by three-way consensus) and consolidates them
/// into its type's contract. The top level passes down only the document text (context isolation: shipment and
/// broker notes stay at the top), and contracts are validated at both boundaries. A document nobody can read
/// with confidence is handed to the <c>customs-review</c> queue.
/// </summary>
public sealed class ImportDocumentsWorkflow : Workflow<ImportRequest, ImportResult>
{
    /// <summary>The registered name.</summary>
    public const string WorkflowName = "import-documents";

    /// <summary>The queue escalations go to.</summary>
    public const string ReviewQueue = "customs-review";

    /// <summary>What a sub-supervisor may receive: the document text and nothing else.</summary>
    public const string SubTaskSchema = """{"type":"object","properties":{"text":{"type":"string","minLength":20}},"required":["text"],"additionalProperties":false}""";

    private static readonly DispatchOptions Once = new() { Retry = Foreman.Workflows.StepRetryPolicy.None };
    private readonly ReviewHandOff? _handOff;

    /// <summary>Creates the workflow.</summary>
    /// <param name="runtime">Runs the agents.</param>
    /// <param name="reviews">The review queue, or <see langword="null"/> to only mark escalations.</param>
    public ImportDocumentsWorkflow(AgentRuntime runtime, IReviewStore? reviews = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var retried = new DispatchOptions { Retry = new Foreman.Workflows.StepRetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.FromSeconds(2) } };
        var specialists = ImportDocumentType.All.Select(type => new Specialist(type.Type, SubSupervisor(runtime, type, retried))
        {
            Project = input => JsonSerializer.SerializeToElement(new { text = input.GetProperty("text").GetString() }),
            Dispatch = Once with { InputSchema = JsonSchema.Parse(SubTaskSchema), OutputSchema = JsonSchema.Parse(ContractSchema(type)) },
        });
        Top = new Supervisor("import-documents", new AgentRouter(runtime, Agent.Create(ImportAgents.Classifier())), specialists, new MergeConsolidator());
        _handOff = reviews is null ? null : new ReviewHandOff(reviews) { HumanCost = 4.20m };
    }

    /// <summary>Gets the top-level supervisor.</summary>
    public Supervisor Top { get; }

    /// <inheritdoc />
    public override string Name => WorkflowName;

    /// <summary>The contract a document type's sub-supervisor returns to the top level.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The schema text.</returns>
    public static string ContractSchema(ImportDocumentType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return $$$"""
            {"type":"object","properties":{
              "document_type":{"const":"{{{type.Type}}}"},
              "supplier":{"type":"string","minLength":2},
              "goods_description":{"type":"string","minLength":2},
              "amount":{"type":"number","exclusiveMinimum":0},
              "unit":{"const":"{{{type.AmountUnit}}}"}},
             "required":["document_type","supplier","goods_description","amount","unit"]}
            """;
    }

    /// <inheritdoc />
    public override async Task<ImportResult> RunAsync(WorkflowContext context, ImportRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var started = context.UtcNow;
        var task = WorkTask.Create(input.DocumentId, "import-document", new { text = input.Text, shipment = input.Shipment, broker_notes = input.BrokerNotes });
        var top = await Top.RunAsync(context, task);
        var type = top.Decision.Routes.FirstOrDefault();
        var sub = type is null ? null : top.Specialists.GetValueOrDefault(type);
        var fields = sub?.Output is { ValueKind: JsonValueKind.Object } o ? o.Deserialize<ImportFields>(PatternJson.Options) : null;
        var result = new ImportResult
        {
            DocumentId = input.DocumentId,
            Status = top.Status == WorkStatus.Success ? "processed" : "escalated",
            DocumentType = type,
            Fields = fields,
            Confidence = top.Confidence,
            Cost = top.Cost,
            Escalations = top.Escalations,
            TopLevelSelfMs = top.SelfMs,
        };
        if (result.Status == "escalated" && _handOff is not null)
        {
            var draft = JsonSerializer.SerializeToElement(result, PatternJson.Options);
            var itemId = await _handOff.HandOverAsync(context, ReviewQueue, "import-document", "file_import_document", draft, new EscalationPacket
            {
                Goal = $"File import document {input.DocumentId} with its shipment.",
                DecisionNeeded = "Confirm the document type, supplier, goods and amount, then file it.",
                Evidence = [.. top.Escalations.Select(e => new ReviewEvidence("pipeline", e))],
                Confidence = top.Confidence,
                Amount = fields?.Unit == "kg" ? null : fields?.Amount,
                Currency = fields?.Unit == "kg" ? null : fields?.Unit,
                Analysis = string.Join(" ", top.Escalations),
            });
            result = result with { ReviewItemId = itemId };
        }

        return result with { ProcessingMs = (context.UtcNow - started).TotalMilliseconds };
    }

    private static Supervisor SubSupervisor(AgentRuntime runtime, ImportDocumentType type, DispatchOptions retried)
    {
        var text = new Specialist("text", new AgentWorker(runtime, Agent.Create(ImportAgents.Text(type)))) { Dispatch = retried };
        var consensus = new ConsensusWorker($"{type.Type}-amount-consensus", Enumerable.Range(0, 3).Select(i => new AgentWorker(runtime, Agent.Create(ImportAgents.Amount(type, i)))), new MajorityVote("/value"))
        {
            InstanceDispatch = retried,
        };
        var amount = new Specialist("amount", new AmountConsensusWorker(consensus));
        return new Supervisor($"import-{type.Type.Replace('_', '-')}", RuleRouter.All("text", "amount"), [text, amount], new ImportConsolidator(type));
    }
}
