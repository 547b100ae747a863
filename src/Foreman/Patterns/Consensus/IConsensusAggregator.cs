using Foreman.Patterns.Workers;

namespace Foreman.Patterns.Consensus;

/// <summary>Combines the results of N instances into one value. Deterministic (it runs again on replay); thread-safe.</summary>
public interface IConsensusAggregator
{
    /// <summary>Gets the strategy's name: majority, median, union.</summary>
    string Strategy { get; }

    /// <summary>Aggregates.</summary>
    /// <param name="task">The task the instances worked on (for verification against its input).</param>
    /// <param name="results">Every instance's result, in instance order; failed ones included.</param>
    /// <returns>The consensus.</returns>
    ConsensusResult Aggregate(WorkTask task, IReadOnlyList<WorkResult> results);
}
