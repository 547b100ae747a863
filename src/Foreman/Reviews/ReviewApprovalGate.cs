using Foreman.Tools;

namespace Foreman.Reviews;

/// <summary>
/// An <see cref="IToolApprovalGate"/> backed by the review store: a tool call that requires approval runs only if
/// a reviewer approved (or modified to) exactly its action hash for this run. Any other call stays pending (the
/// agent stops as needs-human) or, if that exact action was rejected, is refused. Thread-safe.
/// </summary>
/// <param name="store">The review store.</param>
public sealed class ReviewApprovalGate(IReviewStore store) : IToolApprovalGate
{
    private readonly IReviewStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <inheritdoc />
    public async ValueTask<ToolApprovalDecision> RequestApprovalAsync(ToolApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runId = RootRunId(request.RunId);
        var items = await _store.ListAsync(new ReviewQuery(RunId: runId), cancellationToken);
        var approved = items.LastOrDefault(i => i.Status is ReviewStatus.Approved or ReviewStatus.Modified
            && string.Equals(i.ToolName, request.ToolName, StringComparison.Ordinal)
            && string.Equals(i.ApprovedActionHash, request.ActionHash, StringComparison.Ordinal));
        if (approved is not null)
        {
            return new ToolApprovalDecision(ToolApprovalStatus.Approved, approved.ApprovedActionHash, approved.Reason, approved.DecidedBy);
        }

        var rejected = items.LastOrDefault(i => i.Status == ReviewStatus.Rejected && string.Equals(i.ActionHash, request.ActionHash, StringComparison.Ordinal));
        return rejected is not null
            ? new ToolApprovalDecision(ToolApprovalStatus.Rejected, null, rejected.Reason, rejected.DecidedBy)
            : ToolApprovalDecision.Pending;
    }

    // An agent inside a workflow runs as "{runId}/{scope}"; review items belong to the workflow run.
    private static string RootRunId(string runId)
    {
        var slash = runId.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? runId : runId[..slash];
    }
}
