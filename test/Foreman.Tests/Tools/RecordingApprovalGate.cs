using Foreman.Tools;

namespace Foreman.Tests.Tools;

/// <summary>An approval gate that answers with a fixed rule and remembers every request it was asked.</summary>
internal sealed class RecordingApprovalGate(Func<ToolApprovalRequest, ToolApprovalDecision> decide) : IToolApprovalGate
{
    private readonly List<ToolApprovalRequest> _requests = [];

    public IReadOnlyList<ToolApprovalRequest> Requests => _requests;

    public ValueTask<ToolApprovalDecision> RequestApprovalAsync(ToolApprovalRequest request, CancellationToken cancellationToken)
    {
        _requests.Add(request);
        return ValueTask.FromResult(decide(request));
    }
}
