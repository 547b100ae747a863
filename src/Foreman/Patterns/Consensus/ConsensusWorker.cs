using System.Globalization;
using Foreman.Patterns.Workers;
using Foreman.Telemetry;
using Foreman.Workflows;

namespace Foreman.Patterns.Consensus;

/// <summary>
/// The consensus pattern: N instances (the same agent repeated, or different prompts or models) run the same
/// task in parallel, each as its own durable, retried task, and an aggregator combines their answers. Agreement
/// feeds the confidence, cost is accounted per instance, and a consensus that cannot be trusted returns
/// needs_human with the best candidate as a draft. It is a worker, so a supervisor can use it as a specialist.
/// Thread-safe.
/// </summary>
public sealed class ConsensusWorker : IWorker
{
    private readonly IWorker[] _instances;

    /// <summary>Creates the consensus.</summary>
    /// <param name="name">The name.</param>
    /// <param name="instances">The instances; at least two.</param>
    /// <param name="aggregator">Combines their answers.</param>
    public ConsensusWorker(string name, IEnumerable<IWorker> instances, IConsensusAggregator aggregator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _instances = instances?.ToArray() ?? throw new ArgumentNullException(nameof(instances));
        if (_instances.Length < 2)
        {
            throw new ArgumentException("A consensus needs at least two instances.", nameof(instances));
        }

        Aggregator = aggregator ?? throw new ArgumentNullException(nameof(aggregator));
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Gets the aggregator.</summary>
    public IConsensusAggregator Aggregator { get; }

    /// <summary>Gets how each instance is dispatched (retries, fallback, output schema). The default value is <see cref="DispatchOptions.Default"/>.</summary>
    public DispatchOptions InstanceDispatch { get; init; } = DispatchOptions.Default;

    /// <inheritdoc />
    public async Task<WorkResult> ExecuteAsync(WorkflowContext context, WorkTask task)
    {
        var consensus = await RunAsync(context, task);
        return new WorkResult
        {
            TaskId = task.TaskId,
            Worker = Name,
            Status = consensus.Outcome == ConsensusOutcome.Agreed ? WorkStatus.Success : WorkStatus.NeedsHuman,
            Output = consensus.Value,
            Error = consensus.Reason,
            Confidence = consensus.Confidence,
            Cost = consensus.Cost,
        };
    }

    /// <summary>Runs every instance and aggregates.</summary>
    /// <param name="context">The durable context.</param>
    /// <param name="task">The task every instance receives.</param>
    /// <returns>The consensus with every vote.</returns>
    public async Task<ConsensusResult> RunAsync(WorkflowContext context, WorkTask task)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(task);
        using var activity = PatternSpans.Start($"foreman.consensus {Name}", "consensus", Name);
        activity?.SetTag(PatternAttributes.ConsensusStrategy, Aggregator.Strategy);
        activity?.SetTag(PatternAttributes.ConsensusInstances, _instances.Length);
        activity?.SetTag(PatternAttributes.TaskId, task.TaskId);
        var results = await context.ParallelAsync(_instances.Select((instance, i) => (Func<WorkflowContext, Task<WorkResult>>)(branch =>
            WorkDispatcher.DispatchAsync(branch, instance, task with { TaskId = string.Create(CultureInfo.InvariantCulture, $"{task.TaskId}.i{i + 1}") }, InstanceDispatch))));
        var consensus = Aggregator.Aggregate(task, results);
        if (activity is not null)
        {
            activity.SetTag(PatternAttributes.ConsensusAgreement, consensus.Agreement);
            activity.SetTag(PatternAttributes.ConsensusOutcome, consensus.Outcome == ConsensusOutcome.Agreed ? "agreed" : "escalate");
            activity.SetTag(GenAIAttributes.Confidence, consensus.Confidence);
            activity.SetTag(GenAIAttributes.Cost, (double)consensus.Cost);
        }

        return consensus;
    }
}
