using Foreman.Tools;

namespace Foreman.Tests.Agents;

/// <summary>A reviewer who approves every request, optionally for a different action than the one asked about.</summary>
internal sealed class ApprovingGate(string? approvedHash = null) : IToolApprovalGate
{
    private readonly Lock _lock = new();
    private readonly List<ToolApprovalRequest> _requests = [];

    public IReadOnlyList<ToolApprovalRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public ValueTask<ToolApprovalDecision> RequestApprovalAsync(ToolApprovalRequest request, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _requests.Add(request);
        }

        return ValueTask.FromResult(new ToolApprovalDecision(ToolApprovalStatus.Approved, approvedHash ?? request.ActionHash, DecidedBy: "reviewer@example.com"));
    }
}
