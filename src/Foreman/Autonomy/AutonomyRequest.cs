namespace Foreman.Autonomy;

/// <summary>The facts about one decision that the policy maps to a level.</summary>
/// <param name="DecisionType">The kind of decision, for example <c>refund</c> or <c>purchase-order</c>.</param>
/// <param name="Amount">The money at stake, or <see langword="null"/> when there is none.</param>
/// <param name="Confidence">The agent's confidence from 0 to 1, or <see langword="null"/> when it gave none.</param>
/// <param name="Agent">The agent proposing the decision, or <see langword="null"/>.</param>
public sealed record AutonomyRequest(string DecisionType, decimal? Amount = null, double? Confidence = null, string? Agent = null);
