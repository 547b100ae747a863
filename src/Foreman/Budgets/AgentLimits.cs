namespace Foreman.Budgets;

/// <summary>
/// The limits of one agent run, enforced before every model call and every tool call. A plain options class;
/// the agent copies it when built.
/// </summary>
public sealed class AgentLimits
{
    /// <summary>Gets or sets the most model calls (iterations of the loop). The default value is 5.</summary>
    public int MaxIterations { get; set; } = 5;

    /// <summary>Gets or sets the most tool calls. The default value is 25.</summary>
    public int MaxToolCalls { get; set; } = 25;

    /// <summary>Gets or sets the most prompt plus completion tokens. The default value is 100,000.</summary>
    public long MaxTokens { get; set; } = 100_000;

    /// <summary>Gets or sets the most money the run may spend, or <see langword="null"/> for no cap. The default value is <see langword="null"/>.</summary>
    public decimal? MaxCost { get; set; }

    /// <summary>Gets or sets the wall-clock limit; in-flight calls are cancelled when it passes. The default value is 2 minutes.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets the share of any budget at which an alert fires and the fallback is taken. The default value
    /// is 0.8.
    /// </summary>
    public double AlertThreshold { get; set; } = 0.8;

    /// <summary>Gets or sets what the run does when a budget reaches the threshold. The default value is <see cref="BudgetFallback.Escalate"/>.</summary>
    public BudgetFallback Fallback { get; set; } = BudgetFallback.Escalate;

    /// <summary>Returns a copy, so that later changes to this instance do not reach a built agent.</summary>
    /// <returns>A copy.</returns>
    public AgentLimits Clone() => (AgentLimits)MemberwiseClone();

    /// <summary>Checks the values.</summary>
    /// <returns>The problems found; empty when the limits are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxIterations < 1)
        {
            problems.Add("MaxIterations must be at least 1.");
        }

        if (MaxToolCalls < 0)
        {
            problems.Add("MaxToolCalls must not be negative.");
        }

        if (MaxTokens < 1)
        {
            problems.Add("MaxTokens must be at least 1.");
        }

        if (MaxCost is < 0)
        {
            problems.Add("MaxCost must not be negative.");
        }

        if (MaxDuration <= TimeSpan.Zero)
        {
            problems.Add("MaxDuration must be positive.");
        }

        if (AlertThreshold is <= 0 or > 1 || double.IsNaN(AlertThreshold))
        {
            problems.Add("AlertThreshold must be in (0, 1].");
        }

        return problems;
    }
}
