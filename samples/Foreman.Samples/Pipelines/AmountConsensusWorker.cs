using Foreman.Patterns.Consensus;
using Foreman.Patterns.Workers;
using Foreman.Workflows;

namespace Foreman.Samples.Pipelines;

/// <summary>A consensus over amount readers as a worker whose output keeps every reading (<see cref="AmountReading"/>).</summary>
/// <param name="consensus">The consensus.</param>
internal sealed class AmountConsensusWorker(ConsensusWorker consensus) : IWorker
{
    public string Name => consensus.Name;

    public Task<WorkResult> ExecuteAsync(WorkflowContext context, WorkTask task) => AmountConsensus.RunAsync(context, consensus, task);
}
