using System.Text.Json;
using Foreman.Samples.Invoices;
using Foreman.Samples.Pipelines;
using Foreman.Samples.Reviews;
using Foreman.Samples.Workflows;
using Foreman.Workflows;
using Foreman.Workflows.Storage;

namespace Foreman.Cli.Serve;

/// <summary>
/// Sample runs submitted on the first start of an empty database, so a newcomer's dashboard shows runs that
/// completed (with their model cost), an invoice waiting for approval and refunds waiting in the review queue.
/// Each has a fixed idempotency key, so seeding twice creates nothing twice.
/// </summary>
internal static class ServeSeeds
{
    private const int PipelineDocuments = 4;

    public static async Task<int> SubmitAsync(WorkflowEngine engine, CancellationToken cancellationToken)
    {
        if ((await engine.Store.ListRunsAsync(new RunQuery { Limit = 1 }, cancellationToken)).Count > 0)
        {
            return 0;
        }

        var seeds = new (string Workflow, object Input, string Key)[]
        {
            (InvoiceApprovalWorkflow.WorkflowName, new InvoiceApprovalRequest(InvoiceExtractor.Sample.ExampleInput), "seed-invoice-small"),
            (InvoiceApprovalWorkflow.WorkflowName, new InvoiceApprovalRequest(InvoiceApprovalWorkflow.LargeInvoiceExample), "seed-invoice-large"),
            (RefundApprovalWorkflow.WorkflowName, new RefundApprovalRequest("B-3107", "The espresso machine leaks; I want my money back."), "seed-refund-espresso"),
            (RefundApprovalWorkflow.WorkflowName, new RefundApprovalRequest("B-2201", "The carafe arrived cracked."), "seed-refund-carafe"),
            (RefundApprovalWorkflow.WorkflowName, new RefundApprovalRequest("B-0000", "Where is my refund?"), "seed-refund-unknown-order"),
            (BenchStepsWorkflow.WorkflowName, new BenchStepsInput(5), "seed-bench-steps"),
        }.Concat(PipelineSeeds()).ToArray();
        var created = 0;
        foreach (var (workflow, input, key) in seeds)
        {
            if (!engine.WorkflowNames.Contains(workflow, StringComparer.Ordinal))
            {
                continue;
            }

            var element = JsonSerializer.SerializeToElement(input, input.GetType(), engine.SerializerOptions);
            var (_, isNew) = await engine.SubmitAsync(workflow, element, key, cancellationToken);
            created += isNew ? 1 : 0;
        }

        return created;
    }

    /// <summary>A few documents of each sample pipeline's generated dataset, so the traces show supervisors and consensus.</summary>
    private static IEnumerable<(string Workflow, object Input, string Key)> PipelineSeeds() =>
        SamplePipelines.All.SelectMany(pipeline => pipeline.Generate(PipelineDocuments, 42)
            .Select(item => (pipeline.Name, item.Input, $"seed-{pipeline.Name}-{item.Id}")));
}
