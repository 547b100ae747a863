namespace Foreman.Workflows;

/// <summary>
/// A registered workflow, as the engine sees it: a name and a body over JSON. Implement
/// <see cref="Workflow{TInput, TOutput}"/> rather than this interface.
/// </summary>
public interface IWorkflow
{
    /// <summary>Gets the name runs are submitted under. Keep it stable: stored runs refer to it.</summary>
    string Name { get; }

    /// <summary>Runs (or replays) the workflow.</summary>
    /// <param name="context">The durable context.</param>
    /// <param name="input">The input as JSON text.</param>
    /// <returns>The output as JSON text.</returns>
    Task<string> ExecuteAsync(WorkflowContext context, string input);
}
