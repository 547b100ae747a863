namespace Foreman.Tools;

/// <summary>The default approval gate: nobody is there to approve, so every request stays pending.</summary>
public sealed class PendingApprovalGate : IToolApprovalGate
{
    /// <summary>Gets the shared instance.</summary>
    public static PendingApprovalGate Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<ToolApprovalDecision> RequestApprovalAsync(ToolApprovalRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ToolApprovalDecision.Pending);
}
