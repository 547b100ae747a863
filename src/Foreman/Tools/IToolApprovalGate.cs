namespace Foreman.Tools;

/// <summary>
/// Decides whether a tool that requires approval may run now. The default gate has no human behind it and
/// answers <see cref="ToolApprovalStatus.Pending"/>, which stops the run with status needs-human; the review
/// queue supplies a durable gate. Implementations must be thread-safe.
/// </summary>
public interface IToolApprovalGate
{
    /// <summary>Asks for approval of one exact action.</summary>
    /// <param name="request">The action, bound by its hash.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The decision.</returns>
    ValueTask<ToolApprovalDecision> RequestApprovalAsync(ToolApprovalRequest request, CancellationToken cancellationToken);
}
