namespace Foreman.Samples.Reviews;

/// <summary>The input of <c>refund-approval</c>.</summary>
/// <param name="OrderId">The order (B-0000).</param>
/// <param name="CustomerMessage">What the customer wrote.</param>
public sealed record RefundApprovalRequest(string OrderId, string CustomerMessage);
