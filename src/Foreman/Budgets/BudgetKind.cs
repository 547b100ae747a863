namespace Foreman.Budgets;

/// <summary>The budgets every agent run is held to.</summary>
public enum BudgetKind
{
    /// <summary>Model calls (loop iterations).</summary>
    Iterations,

    /// <summary>Tool calls.</summary>
    ToolCalls,

    /// <summary>Prompt plus completion tokens.</summary>
    Tokens,

    /// <summary>Money, in the catalog's currency.</summary>
    Cost,

    /// <summary>Wall-clock time.</summary>
    Time,
}
