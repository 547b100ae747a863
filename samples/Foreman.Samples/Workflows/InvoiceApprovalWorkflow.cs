using Foreman.Agents;
using Foreman.Samples.Invoices;
using Foreman.Workflows;

namespace Foreman.Samples.Workflows;

/// <summary>
/// <c>invoice-approval</c>: the invoice-extractor agent reads the invoice (each model and tool call a durable step),
/// invoices over <see cref="ApprovalThreshold"/> wait for a person's <c>approval</c> event for up to seven days, and
/// the approved invoice is posted to the ledger once, keyed by the posting step's idempotency key.
/// </summary>
/// <remarks>
/// While it waits for the approval the run holds no memory in any worker; the decision can arrive days later,
/// after any number of restarts, and the run continues after the wait without calling the model again.
/// </remarks>
/// <param name="runtime">Runs the agent.</param>
/// <param name="ledger">The accounting system.</param>
public sealed class InvoiceApprovalWorkflow(AgentRuntime runtime, IInvoiceLedger ledger) : Workflow<InvoiceApprovalRequest, InvoiceApprovalResult>
{
    /// <summary>The registered name.</summary>
    public const string WorkflowName = "invoice-approval";

    /// <summary>The event a person's decision arrives as.</summary>
    public const string ApprovalEvent = "approval";

    /// <summary>Totals above this need a person's approval.</summary>
    public const decimal ApprovalThreshold = 10_000m;

    /// <summary>An invoice over the threshold (USD 12,480.00), so its run waits for approval.</summary>
    public const string LargeInvoiceExample = """
        INVOICE INV-2026-0107
        From: Fabrikam Industrial Parts, 4 Mill Road, Pittsburgh
        Purchase order: PO-7752
        Date: 2026-11-03    Due: 2027-01-02

          Hydraulic press frame     1 x 12,480.00    12,480.00

        Total due: USD 12,480.00
        """;

    private readonly Agent _extractor = InvoiceExtractor.Build();

    /// <summary>Gets how long a person has to decide before the run ends as <c>approval_timed_out</c>.</summary>
    public static TimeSpan ApprovalTimeout { get; } = TimeSpan.FromDays(7);

    /// <inheritdoc />
    public override string Name => WorkflowName;

    /// <inheritdoc />
    public override async Task<InvoiceApprovalResult> RunAsync(WorkflowContext context, InvoiceApprovalRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var extraction = await context.RunAgentAsync(runtime, _extractor, input.Invoice);
        if (extraction.Status != AgentStatus.Succeeded || extraction.Output is not { } fields)
        {
            return new InvoiceApprovalResult("needs_review", null, null, null, null, false, null, null);
        }

        var invoiceNumber = fields.GetProperty("invoice_number").GetString()!;
        var vendorId = fields.GetProperty("vendor_id").GetString()!;
        var total = fields.GetProperty("total").GetDecimal();
        var currency = fields.GetProperty("currency").GetString()!;
        var approvalRequired = total > ApprovalThreshold;
        string? approver = null;
        if (approvalRequired)
        {
            var decision = await context.WaitForEventAsync<ApprovalDecision>(ApprovalEvent, ApprovalTimeout);
            if (decision.TimedOut)
            {
                return new InvoiceApprovalResult("approval_timed_out", invoiceNumber, vendorId, total, currency, true, null, null);
            }

            approver = decision.Value?.Approver;
            if (decision.Value is not { Approved: true })
            {
                return new InvoiceApprovalResult("rejected", invoiceNumber, vendorId, total, currency, true, approver, null);
            }
        }

        // The ledger dedupes on the step's key, so a posting repeated after a crash books nothing twice.
        var posting = await context.StepAsync(
            "post-to-ledger",
            (step, ct) => ledger.PostAsync(step.IdempotencyKey, invoiceNumber, vendorId, total, currency, ct));
        return new InvoiceApprovalResult("posted", invoiceNumber, vendorId, total, currency, approvalRequired, approver, posting.EntryId);
    }
}
