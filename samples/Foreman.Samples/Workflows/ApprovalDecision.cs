namespace Foreman.Samples.Workflows;

/// <summary>
/// A person's decision, delivered as the <c>approval</c> event (for example
/// <c>foreman events send &lt;run&gt; approval --payload '{"approved":true,"approver":"dana"}'</c>).
/// </summary>
/// <param name="Approved">Whether the invoice may be paid.</param>
/// <param name="Approver">Who decided.</param>
/// <param name="Comment">Why, optionally.</param>
public sealed record ApprovalDecision(bool Approved, string? Approver = null, string? Comment = null);
