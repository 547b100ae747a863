using Foreman.Samples.Pipelines.Imports;
using Foreman.Samples.Pipelines.Invoices;
using Foreman.Samples.Pipelines.Tickets;

namespace Foreman.Samples.Pipelines;

/// <summary>The three production sample pipelines, with datasets, ground truth and scoring.</summary>
public static class SamplePipelines
{
    /// <summary>Gets the invoice pipeline.</summary>
    public static SamplePipeline Invoices { get; } = new(
        InvoiceProcessingWorkflow.WorkflowName,
        "Invoice processing",
        "Classify, extract the header, read the total by three-way consensus, route for approval.",
        400,
        (count, seed) => [.. InvoiceDataset.Generate(count, seed).Select(c => new PipelineItem(c.DocumentId, new InvoiceProcessingRequest(c.DocumentId, c.Text), c.Truth))],
        (item, output) =>
        {
            var truth = (InvoiceTruth)item.Truth;
            var result = SamplePipeline.Read<InvoiceProcessingResult>(output);
            var escalated = result.Status != "routed";
            var correct = result.DocumentType == truth.DocumentType && result.Queue == truth.Queue
                && (truth.DocumentType == "contract" || (result.Vendor == truth.Vendor && result.InvoiceNumber == truth.Reference && result.Currency == truth.Currency && result.Total == truth.Total));
            var amounts = result.AmountReadings.Count == 0 ? null : new AmountReading(result.Total, result.Agreement ?? 0, result.AmountReadings, result.AmountCosts, []);
            return new PipelineScore(escalated, escalated ? result.DocumentType == truth.DocumentType : correct, result.Cost, result.ProcessingMs, truth.DocumentType == "invoice" ? ConsensusSample.Measure(amounts, truth.Total) : null);
        });

    /// <summary>Gets the import-documents pipeline.</summary>
    public static SamplePipeline Imports { get; } = new(
        ImportDocumentsWorkflow.WorkflowName,
        "Import documents",
        "Hierarchical: a classifier routes to a sub-supervisor per document type; amounts by consensus, text by one agent.",
        300,
        (count, seed) => [.. ImportDataset.Generate(count, seed).Select(c => new PipelineItem(c.DocumentId, new ImportRequest(c.DocumentId, c.Text, "SHP-" + c.DocumentId, "priority customer"), c.Truth))],
        (item, output) =>
        {
            var truth = (ImportTruth)item.Truth;
            var result = SamplePipeline.Read<ImportResult>(output);
            var escalated = result.Status != "processed";
            var fields = result.Fields;
            var correct = result.DocumentType == truth.DocumentType && fields is not null
                && fields.Supplier == truth.Supplier && fields.GoodsDescription == truth.GoodsDescription && fields.Amount == truth.Amount;
            var amounts = fields is null ? null : new AmountReading(fields.Amount, fields.Agreement ?? 0, fields.Readings, fields.Costs, []);
            return new PipelineScore(escalated, escalated ? result.DocumentType == truth.DocumentType : correct, result.Cost, result.ProcessingMs, result.DocumentType == truth.DocumentType ? ConsensusSample.Measure(amounts, truth.Amount) : null);
        });

    /// <summary>Gets the ticket-triage pipeline.</summary>
    public static SamplePipeline Tickets { get; } = new(
        TicketTriageWorkflow.WorkflowName,
        "Ticket triage",
        "Supervisor: urgent to a person with a draft, order status by API, returns by policy, questions from the knowledge base; every reply validated.",
        400,
        (count, seed) => [.. TicketDataset.Generate(count, seed).Select(c => new PipelineItem(c.TicketId, new TicketRequest(c.TicketId, c.Text), c.Truth))],
        (item, output) =>
        {
            var truth = (TicketTruth)item.Truth;
            var result = SamplePipeline.Read<TicketResult>(output);
            var escalated = result.Status != "answered";
            var correct = result.Route == truth.Route && truth.Route switch
            {
                "order_status" => result.OrderStatus == truth.OrderStatus,
                "returns" => result.ReturnEligible == truth.ReturnEligible,
                "general" => result.ArticleId == truth.ArticleId,
                _ => true,
            };
            return new PipelineScore(escalated, escalated ? result.Route == truth.Route : correct, result.Cost, result.ProcessingMs);
        });

    /// <summary>Gets all three, in demo order.</summary>
    public static IReadOnlyList<SamplePipeline> All { get; } = [Invoices, Imports, Tickets];

    /// <summary>Finds a pipeline by workflow name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The pipeline, or <see langword="null"/>.</returns>
    public static SamplePipeline? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
