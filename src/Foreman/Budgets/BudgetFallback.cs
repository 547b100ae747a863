namespace Foreman.Budgets;

/// <summary>What a run does when one of its budgets reaches the alert threshold.</summary>
public enum BudgetFallback
{
    /// <summary>Stop and hand the work to a human (status needs-human).</summary>
    Escalate,

    /// <summary>Ask the model once more, without tools, for its best answer now; escalate if that fails.</summary>
    SimplifiedAnswer,

    /// <summary>Stop with a polite refusal the caller can show (status failed, reason declined).</summary>
    GracefulDecline,
}
