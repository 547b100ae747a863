using Foreman.Workflows;

namespace Foreman.Patterns.Workers;

/// <summary>
/// A stateless worker: everything it needs arrives in the <see cref="WorkTask"/>, and everything it produces
/// leaves in the <see cref="WorkResult"/>. It keeps nothing between tasks, so any replay, retry or other worker
/// process gets the same behaviour. Implementations must be thread-safe: tasks run in parallel branches.
/// </summary>
public interface IWorker
{
    /// <summary>Gets the worker's name: letters, digits, '.', '_' and '-'.</summary>
    string Name { get; }

    /// <summary>
    /// Executes one task inside a durable workflow. Every model or I/O call must go through
    /// <paramref name="context"/> (an agent run or a step), so a replay does not pay for it again. Expected
    /// failures are results with <see cref="WorkStatus.Failure"/>, not exceptions.
    /// </summary>
    /// <param name="context">The durable context, scoped to this task and attempt.</param>
    /// <param name="task">The task.</param>
    /// <returns>The result.</returns>
    Task<WorkResult> ExecuteAsync(WorkflowContext context, WorkTask task);
}
