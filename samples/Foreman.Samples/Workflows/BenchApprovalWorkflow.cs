using Foreman.Workflows;

namespace Foreman.Samples.Workflows;

/// <summary>
/// <c>bench-approval</c>: one durable step, then a wait of up to seven days for an <c>approval</c> event. Used to
/// show that a waiting run costs the worker no memory: thousands can wait while the worker stays small.
/// </summary>
public sealed class BenchApprovalWorkflow : Workflow<BenchApprovalInput, bool>
{
    /// <summary>The registered name.</summary>
    public const string WorkflowName = "bench-approval";

    /// <inheritdoc />
    public override string Name => WorkflowName;

    /// <inheritdoc />
    public override async Task<bool> RunAsync(WorkflowContext context, BenchApprovalInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await context.StepAsync("prepare", (_, _) => Task.FromResult(input.Index));
        var decision = await context.WaitForEventAsync<ApprovalDecision>(InvoiceApprovalWorkflow.ApprovalEvent, TimeSpan.FromDays(7));
        return decision.Value is { Approved: true };
    }
}
