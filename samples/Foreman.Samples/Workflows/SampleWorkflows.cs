using System.Text.Json;
using Foreman.Agents;
using Foreman.Autonomy;
using Foreman.Reviews;
using Foreman.Samples.Pipelines;
using Foreman.Samples.Pipelines.Imports;
using Foreman.Samples.Pipelines.Invoices;
using Foreman.Samples.Pipelines.Tickets;
using Foreman.Samples.Reviews;
using Foreman.Workflows;

namespace Foreman.Samples.Workflows;

/// <summary>The sample durable workflows shipped with Foreman, as the CLI's worker registers them.</summary>
public static class SampleWorkflows
{
    /// <summary>Gets each sample workflow's name, what it shows and an example input.</summary>
    public static IReadOnlyList<SampleWorkflow> All { get; } =
    [
        new(
            InvoiceApprovalWorkflow.WorkflowName,
            "Extracts an invoice with the invoice-extractor agent, waits for approval above 10,000, posts it to the ledger once.",
            JsonSerializer.Serialize(new InvoiceApprovalRequest(InvoiceApprovalWorkflow.LargeInvoiceExample), WorkflowJson.DefaultOptions)),
        new(
            RefundApprovalWorkflow.WorkflowName,
            "Proposes a refund, escalates it to the finance review queue, refunds exactly what a reviewer approved.",
            JsonSerializer.Serialize(new RefundApprovalRequest("B-3107", "The espresso machine leaks; I want my money back."), WorkflowJson.DefaultOptions)),
        new(
            BenchStepsWorkflow.WorkflowName,
            "N trivial durable steps (the throughput benchmark).",
            JsonSerializer.Serialize(new BenchStepsInput(10), WorkflowJson.DefaultOptions)),
        new(
            BenchApprovalWorkflow.WorkflowName,
            "One step, then a 7-day wait for an approval event (the waiting-memory benchmark).",
            JsonSerializer.Serialize(new BenchApprovalInput(0), WorkflowJson.DefaultOptions)),
        .. SamplePipelines.All.Select(p => new SampleWorkflow(p.Name, p.Description, JsonSerializer.Serialize(p.Generate(1, 7)[0].Input, p.Generate(1, 7)[0].Input.GetType(), WorkflowJson.DefaultOptions))),
    ];

    /// <summary>Creates every sample workflow.</summary>
    /// <param name="runtime">Runs the agents (with the simulated model, build its provider on <see cref="SampleSimulation"/>).</param>
    /// <param name="ledger">Where approved invoices are posted.</param>
    /// <param name="reviews">The review queue, for the workflows that escalate to people; <see langword="null"/> leaves them out.</param>
    /// <param name="quality">The quality monitor; when given, the monitored <c>invoice-extraction</c> pipeline is registered too.</param>
    /// <returns>The workflows, ready to register with a <see cref="WorkflowEngine"/>.</returns>
    public static IReadOnlyList<IWorkflow> Create(AgentRuntime runtime, IInvoiceLedger ledger, IReviewStore? reviews = null, Foreman.Quality.QualityMonitor? quality = null)
    {
        var workflows = new List<IWorkflow>
        {
            new InvoiceApprovalWorkflow(runtime, ledger), new BenchStepsWorkflow(), new BenchApprovalWorkflow(),
            new InvoiceProcessingWorkflow(runtime, reviews), new ImportDocumentsWorkflow(runtime, reviews), new TicketTriageWorkflow(runtime, reviews),
        };
        if (reviews is not null)
        {
            var gate = new ReviewGate(reviews, new AutonomyTracker(reviews, new AutonomyPolicy([])), RefundApprovalWorkflow.CreateGateOptions());
            workflows.Add(new RefundApprovalWorkflow(gate, new InMemoryRefundLedger()));
        }

        if (quality is not null)
        {
            workflows.Add(new Quality.MonitoredInvoiceWorkflow(runtime, quality));
        }

        return workflows;
    }

    /// <summary>Finds a sample workflow by name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The sample, or <see langword="null"/>.</returns>
    public static SampleWorkflow? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
