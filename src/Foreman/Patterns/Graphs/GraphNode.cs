using Foreman.Patterns.Workers;
using Foreman.Workflows;

namespace Foreman.Patterns.Graphs;

/// <summary>A node of a <see cref="TaskGraph"/>: its name, the outputs it reads, and its work.</summary>
/// <param name="Name">The node's name, unique in the graph.</param>
/// <param name="DependsOn">The nodes whose outputs it reads; the only ones it can read.</param>
/// <param name="Execute">The work: a durable context scoped to the node, and its inputs.</param>
public sealed record GraphNode(string Name, IReadOnlyList<string> DependsOn, Func<WorkflowContext, GraphInputs, Task<WorkResult>> Execute)
{
    /// <summary>Creates a node that dispatches a worker with a task built from its inputs.</summary>
    /// <param name="name">The node's name.</param>
    /// <param name="dependsOn">Its dependencies.</param>
    /// <param name="worker">The worker.</param>
    /// <param name="buildTask">Builds the worker's task input from the node's inputs.</param>
    /// <param name="options">Retries, fallback and contract; the default when <see langword="null"/>.</param>
    /// <returns>The node.</returns>
    public static GraphNode ForWorker(string name, IReadOnlyList<string> dependsOn, IWorker worker, Func<GraphInputs, System.Text.Json.JsonElement> buildTask, DispatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(buildTask);
        return new GraphNode(name, dependsOn, (context, inputs) => WorkDispatcher.DispatchAsync(context, worker, new WorkTask(name, name, buildTask(inputs)), options));
    }
}
