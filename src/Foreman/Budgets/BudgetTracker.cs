namespace Foreman.Budgets;

/// <summary>
/// Tracks one run's spending against its <see cref="AgentLimits"/> and says, before a call, whether the run
/// may go on. Not thread-safe: one run, one tracker.
/// </summary>
internal sealed class BudgetTracker
{
    private readonly AgentLimits _limits;
    private readonly TimeProvider _timeProvider;
    private readonly long _startTimestamp;

    public BudgetTracker(AgentLimits limits, TimeProvider timeProvider)
    {
        _limits = limits;
        _timeProvider = timeProvider;
        _startTimestamp = timeProvider.GetTimestamp();
    }

    public int Iterations { get; private set; }

    public int ToolCalls { get; private set; }

    public long Tokens { get; private set; }

    public decimal Cost { get; private set; }

    public TimeSpan Elapsed => _timeProvider.GetElapsedTime(_startTimestamp);

    public void AddModelCall(long tokens, decimal cost)
    {
        Iterations++;
        Tokens += tokens;
        Cost += cost;
    }

    public void AddToolCall() => ToolCalls++;

    /// <summary>
    /// Checks every budget before a model call expected to use <paramref name="projectedTokens"/> tokens and cost
    /// <paramref name="projectedCost"/>. Returns the first budget at or over its threshold, or <see langword="null"/>.
    /// </summary>
    public (BudgetKind Kind, double Used, double Limit, double Projected)? CheckBeforeModelCall(long projectedTokens, decimal projectedCost)
    {
        if (Reached(Iterations, Iterations + 1, _limits.MaxIterations))
        {
            return (BudgetKind.Iterations, Iterations, _limits.MaxIterations, Iterations + 1);
        }

        if (Reached(Tokens, Tokens + projectedTokens, _limits.MaxTokens))
        {
            return (BudgetKind.Tokens, Tokens, _limits.MaxTokens, Tokens + projectedTokens);
        }

        if (_limits.MaxCost is decimal maxCost && Reached((double)Cost, (double)(Cost + projectedCost), (double)maxCost))
        {
            return (BudgetKind.Cost, (double)Cost, (double)maxCost, (double)(Cost + projectedCost));
        }

        return CheckTime();
    }

    /// <summary>Checks the budgets a tool call spends (tool calls and time).</summary>
    public (BudgetKind Kind, double Used, double Limit, double Projected)? CheckBeforeToolCall() =>
        Reached(ToolCalls, ToolCalls + 1, _limits.MaxToolCalls)
            ? (BudgetKind.ToolCalls, ToolCalls, _limits.MaxToolCalls, ToolCalls + 1)
            : CheckTime();

    /// <summary>Whether a final call of this size still fits under the hard limits (used by the simplified-answer fallback).</summary>
    public bool Fits(long projectedTokens, decimal projectedCost) =>
        Iterations + 1 <= _limits.MaxIterations
        && Tokens + projectedTokens <= _limits.MaxTokens
        && (_limits.MaxCost is not decimal maxCost || Cost + projectedCost <= maxCost)
        && Elapsed < _limits.MaxDuration;

    private (BudgetKind Kind, double Used, double Limit, double Projected)? CheckTime()
    {
        var elapsed = Elapsed.TotalSeconds;
        var limit = _limits.MaxDuration.TotalSeconds;
        return Reached(elapsed, elapsed, limit) ? (BudgetKind.Time, elapsed, limit, elapsed) : null;
    }

    // A budget is reached when what is used has crossed the alert share, or when the next call would pass the hard limit.
    private bool Reached(double used, double projected, double limit) =>
        used >= _limits.AlertThreshold * limit || projected > limit;
}
