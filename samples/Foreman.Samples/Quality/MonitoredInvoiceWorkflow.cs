using Foreman.Agents;
using Foreman.Quality;
using Foreman.Workflows;

namespace Foreman.Samples.Quality;

/// <summary>
/// The sample pipeline for observability: one invoice through <see cref="InvoiceReader"/> under the quality
/// monitor. Its runs are traced (run → agent → model and tool calls), costed, sampled against the labelled
/// dataset, and alerted on; when the agent is disabled its invoices go to the manual review queue.
/// </summary>
/// <param name="runtime">The agent runtime.</param>
/// <param name="monitor">The quality monitor.</param>
public sealed class MonitoredInvoiceWorkflow(AgentRuntime runtime, QualityMonitor monitor) : Workflow<InvoiceDocument, ExtractionOutcome>
{
    /// <summary>The workflow's name (the pipeline in traces and cost reports).</summary>
    public const string WorkflowName = "invoice-extraction";

    private readonly Agent _agent = InvoiceReader.Build();

    /// <inheritdoc />
    public override string Name => WorkflowName;

    /// <inheritdoc />
    public override async Task<ExtractionOutcome> RunAsync(WorkflowContext context, InvoiceDocument input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await monitor.RunAgentAsync(context, runtime, _agent, input.Text, InvoiceReader.TaskType, input.DocumentId);
        return new ExtractionOutcome(result.Output, result.RoutedToReview, result.ReviewItemId, result.SampleId);
    }
}
