namespace Foreman.Budgets;

/// <summary>A budget crossed its alert threshold (or a planned call would have exceeded it).</summary>
/// <param name="RunId">The run.</param>
/// <param name="AgentName">The agent.</param>
/// <param name="Kind">Which budget.</param>
/// <param name="Used">How much was used when the alert fired.</param>
/// <param name="Limit">The budget.</param>
/// <param name="Projected">Usage including the call about to be made.</param>
/// <param name="At">When.</param>
public sealed record BudgetAlert(string RunId, string AgentName, BudgetKind Kind, double Used, double Limit, double Projected, DateTimeOffset At)
{
    /// <summary>Gets the share of the budget used, 0 to 1 (or more when a limit was lowered mid-run).</summary>
    public double Share => Limit <= 0 ? 1 : Used / Limit;
}
